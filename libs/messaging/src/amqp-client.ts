import type { Writable } from 'node:stream';
import { connect, Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';
import { withTimeout } from '@oms/platform';
import { coalesceWrites } from './coalesce-writes';

/** Work to redo on every (re)connection: declaring topology, starting consumers. */
export type OnConnect = (connection: ChannelModel) => Promise<void>;

export class BrokerUnavailableError extends Error {
  constructor() {
    super('message broker is not connected');
  }
}

/** How long a part that failed to set up waits before it is tried again, at most. */
const PART_RETRY_MAX_MS = 30_000;

export interface AmqpClientOptions {
  /** A node that accepts the TCP connection but does not finish the AMQP handshake within this is skipped. */
  connectTimeoutMs?: number;
  /**
   * A part still setting up after this (a declare or a consume the node never answers, as on a node that
   * is shutting down) drops the connection: the client goes on to the next node.
   */
  setUpTimeoutMs?: number;
}

class PartTimeoutError extends Error {}

/**
 * One AMQP connection per process that comes back by itself: on loss it reconnects with backoff and
 * re-runs every registered part (`OnConnect`: topology, each consumer). A part that fails to set up (a
 * queue declared with other arguments, a missing permission) does not take the connection down with it:
 * the others run, it is retried with backoff, and `failingParts` names it for the health check.
 * Publishing goes through one confirm channel.
 */
export class AmqpClient {
  private connection?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private readonly onConnect: { name: string; work: OnConnect }[] = [];
  private readonly failures = new Map<string, string>();
  private readonly settingUp = new Set<string>();
  private stopping = false;
  private connecting?: Promise<void>;
  private readonly connectedWaiters = new Set<() => void>();
  /** The nodes of a cluster (AMQP_URL may list several, comma-separated); `node` is the one to try next. */
  private readonly urls: string[];
  private node = 0;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly connectionName: string,
    private readonly options: AmqpClientOptions = {},
  ) {
    this.urls = url.split(',').map((each) => each.trim()).filter(Boolean);
  }

  get isConnected(): boolean {
    return !!this.publishChannel;
  }

  /** The parts that could not be set up on the current connection, with why. */
  get failingParts(): ReadonlyMap<string, string> {
    return this.failures;
  }

  /** Parts still being set up for the first time on this connection (an app is not ready before they are). */
  get partsSettingUp(): ReadonlySet<string> {
    return this.settingUp;
  }

  /** Registers a named part to set up now (if connected) and after every reconnect. */
  async register(name: string, work: OnConnect): Promise<void> {
    const part = { name, work };
    this.onConnect.push(part);
    if (this.connection) await this.setUpOrDrop(this.connection, part);
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

  /**
   * How many messages wait in each of these queues, read on a channel of its own (a queue not declared
   * yet closes that channel, not another); the queues it could not read are left out.
   */
  async messageCounts(queues: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!this.connection) return counts;
    const channel = await this.connection.createChannel().catch(() => undefined);
    if (!channel) return counts;
    channel.on('error', () => undefined);
    try {
      for (const queue of queues) counts.set(queue, (await channel.checkQueue(queue)).messageCount);
    } catch {
      // the channel closed on a missing queue: the ones read so far are what there is
    } finally {
      await channel.close().catch(() => undefined);
    }
    return counts;
  }

  async close(): Promise<void> {
    this.stopping = true;
    const connection = this.connection;
    this.connection = undefined;
    this.publishChannel = undefined;
    await connection?.close().catch(() => undefined);
  }

  /** Tries each node in turn (a lost node's neighbours at once), backing off only when none answers. */
  private async connectLoop(): Promise<void> {
    let delay = 250;
    while (!this.stopping) {
      for (let tried = 0; tried < this.urls.length && !this.stopping; tried++) {
        try {
          await this.connectOnce(this.urls[this.node]);
          this.connecting = undefined;
          return;
        } catch (error) {
          this.logger.warn({ err: error, node: this.node, nodes: this.urls.length }, 'cannot reach the message broker node, trying the next');
          this.node = (this.node + 1) % this.urls.length;
        }
      }
      this.logger.warn({ retryInMs: delay }, 'cannot reach the message broker, retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }

  private async connectOnce(url: string): Promise<void> {
    // noDelay: without it Nagle's algorithm holds small frames back for delayed ACKs (tens of ms each)
    const connection = await connect(url, {
      noDelay: true, timeout: this.options.connectTimeoutMs ?? 10_000, clientProperties: { connection_name: this.connectionName },
    });
    coalesceWrites(socketOf(connection));
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
      this.connection = connection;
      this.publishChannel = channel;
      this.failures.clear();
      for (const part of this.onConnect) await this.setUp(connection, part);
      // lost while setting up (the node went down meanwhile): this loop, not the loss handler, reconnects
      if (this.connection !== connection) throw new Error('the connection closed while its parts were set up');
    } catch (error) {
      this.abandon(connection, error as Error);
      throw error;
    }
    this.logger.info('connected to the message broker');
    for (const waiter of [...this.connectedWaiters]) waiter();
  }

  /**
   * Runs one part; if it fails, records why and tries again with backoff while this connection lasts.
   * A part that times out is thrown: the node does not answer, and the caller drops the connection.
   */
  private async setUp(connection: ChannelModel, part: { name: string; work: OnConnect }, delay = 1000): Promise<void> {
    this.settingUp.add(part.name);
    try {
      const timeoutMs = this.options.setUpTimeoutMs ?? 30_000;
      await withTimeout(part.work(connection), timeoutMs,
        () => new PartTimeoutError(`the broker did not finish setting up ${part.name} within ${timeoutMs} ms; reconnecting`));
      if (this.failures.delete(part.name)) this.logger.info({ part: part.name }, 'broker part set up after all');
    } catch (error) {
      this.failures.set(part.name, (error as Error).message);
      if (error instanceof PartTimeoutError) throw error;
      this.logger.error({ err: error, part: part.name, retryInMs: delay }, `could not set up ${part.name} on the broker; the rest runs, it is retried`);
      setTimeout(() => {
        if (this.connection === connection && !this.stopping) void this.setUpOrDrop(connection, part, Math.min(delay * 2, PART_RETRY_MAX_MS));
      }, delay).unref();
    } finally {
      this.settingUp.delete(part.name);
    }
  }

  /** A part set up on a connection that is up already: one the node does not answer drops it, and the client reconnects to the next node. */
  private async setUpOrDrop(connection: ChannelModel, part: { name: string; work: OnConnect }, delay?: number): Promise<void> {
    try {
      await this.setUp(connection, part, delay);
    } catch (error) {
      this.logger.error({ node: this.node }, (error as Error).message);
      this.node = (this.node + 1) % this.urls.length;
      this.abandon(connection, error as Error); // its 'close' starts the reconnection
    }
  }

  /**
   * Ends a connection without waiting for the node (closing one needs its answer, and a node that hangs
   * never gives it); amqplib takes a socket error, not a bare destroy, for the loss of its connection.
   */
  private abandon(connection: ChannelModel, reason: Error): void {
    if (this.connection === connection) this.connection = this.publishChannel = undefined;
    socketOf(connection).destroy(reason);
  }

  private handleLoss(connection: ChannelModel) {
    if (this.connection !== connection && this.connection !== undefined) return;
    this.connection = undefined;
    this.publishChannel = undefined;
    this.failures.clear();
    if (this.stopping) return;
    this.logger.warn('lost the message broker connection, reconnecting');
    this.start();
  }
}

/** The connection's socket: amqplib does not expose it. */
function socketOf(connection: ChannelModel): Writable {
  return (connection as unknown as { connection: { stream: Writable } }).connection.stream;
}
