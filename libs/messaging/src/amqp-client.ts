import { connect, Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';

/** Work to redo on every (re)connection: declaring topology, starting consumers. */
export type OnConnect = (connection: ChannelModel) => Promise<void>;

export class BrokerUnavailableError extends Error {
  constructor() {
    super('message broker is not connected');
  }
}

/**
 * One AMQP connection per process that comes back by itself: on loss it reconnects with backoff and
 * re-runs every registered `OnConnect` (topology, consumers). Publishing goes through one confirm channel.
 */
export class AmqpClient {
  private connection?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private readonly onConnect: OnConnect[] = [];
  private stopping = false;
  private connecting?: Promise<void>;
  private readonly connectedWaiters = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly connectionName: string,
  ) {}

  get isConnected(): boolean {
    return !!this.publishChannel;
  }

  /** Registers work to run now (if connected) and after every reconnect. */
  async register(work: OnConnect): Promise<void> {
    this.onConnect.push(work);
    if (this.connection) await work(this.connection);
  }

  /** Starts connecting in the background; the app starts even while the broker is down. */
  start(): void {
    this.connecting ??= this.connectLoop();
  }

  /** Resolves once connected, or rejects after `timeoutMs`. */
  waitUntilConnected(timeoutMs: number): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.connectedWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.connectedWaiters.delete(done);
        reject(new BrokerUnavailableError());
      }, timeoutMs);
      this.connectedWaiters.add(done);
    });
  }

  /** The confirm channel, or an error when disconnected: callers retry later, nothing is lost. */
  confirmChannel(): ConfirmChannel {
    if (!this.publishChannel) throw new BrokerUnavailableError();
    return this.publishChannel;
  }

  async createChannel(): Promise<Channel> {
    if (!this.connection) throw new BrokerUnavailableError();
    return this.connection.createChannel();
  }

  async close(): Promise<void> {
    this.stopping = true;
    const connection = this.connection;
    this.connection = undefined;
    this.publishChannel = undefined;
    await connection?.close().catch(() => undefined);
  }

  private async connectLoop(): Promise<void> {
    let delay = 250;
    while (!this.stopping) {
      try {
        await this.connectOnce();
        this.connecting = undefined;
        return;
      } catch (error) {
        this.logger.warn({ err: error, retryInMs: delay }, 'cannot reach the message broker, retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  private async connectOnce(): Promise<void> {
    // noDelay: without it Nagle's algorithm holds small frames back for delayed ACKs (tens of ms each)
    const connection = await connect(this.url, { noDelay: true, clientProperties: { connection_name: this.connectionName } });
    connection.on('error', (error) => this.logger.warn({ err: error }, 'broker connection error'));
    connection.on('close', () => this.handleLoss(connection));
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error) => this.logger.warn({ err: error }, 'publish channel error'));
      channel.on('close', () => {
        if (this.publishChannel === channel) {
          this.publishChannel = undefined;
          if (this.connection === connection) void connection.close().catch(() => undefined);
        }
      });
      for (const work of this.onConnect) await work(connection);
      this.connection = connection;
      this.publishChannel = channel;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    this.logger.info('connected to the message broker');
    for (const waiter of [...this.connectedWaiters]) waiter();
  }

  private handleLoss(connection: ChannelModel) {
    if (this.connection !== connection && this.connection !== undefined) return;
    this.connection = undefined;
    this.publishChannel = undefined;
    if (this.stopping) return;
    this.logger.warn('lost the message broker connection, reconnecting');
    this.start();
  }
}
