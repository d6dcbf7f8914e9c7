import { randomUUID } from 'node:crypto';
import { Channel, ConsumeMessage } from 'amqplib';
import { Histogram, Registry } from 'prom-client';
import { ProblemCodes, RpcMeta } from '@oms/contracts';
import { AppError, isProblem } from '@oms/platform';
import { AmqpClient } from '../amqp-client';
import { REPLY_QUEUE, RpcReplyMessage, RpcRequestMessage } from './rpc-protocol';

const RPC_LATENCY = 'oms_rpc_duration_seconds';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply to one service with a deadline. A timeout is a 504 and an unreachable broker a 503,
 * never a hang; a service's problem comes back as the same AppError. The request expires in the queue
 * at the deadline, so a service that was down does not act on requests nobody waits for any more.
 */
export class RpcClient {
  private channel?: Channel;
  private readonly pending = new Map<string, Pending>();
  private readonly latency?: Histogram<'service' | 'pattern' | 'outcome'>;

  constructor(
    amqp: AmqpClient,
    private readonly queue: string,
    private readonly service: string,
    private readonly timeoutMs: number,
    registry?: Registry,
  ) {
    // one histogram for every client of the registry (one per service called)
    this.latency = registry && ((registry.getSingleMetric(RPC_LATENCY) as Histogram<'service' | 'pattern' | 'outcome'> | undefined) ?? new Histogram({
      name: RPC_LATENCY, help: 'RPC latency by service, pattern and outcome (ok, refused: 4xx, error, timeout, unavailable)',
      labelNames: ['service', 'pattern', 'outcome'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }));
    void amqp.register(`rpc client of ${service}`, async (connection) => {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => this.channelLost(channel));
      await channel.consume(REPLY_QUEUE, (message) => message && this.settle(message), { noAck: true });
      this.channel = channel;
    });
  }

  send<TResult>(pattern: string, data: unknown, meta: RpcMeta): Promise<TResult> {
    if (!this.latency) return this.call(pattern, data, meta);
    const stop = this.latency.startTimer({ service: this.service, pattern });
    return this.call<TResult>(pattern, data, meta).then(
      (result) => (stop({ outcome: 'ok' }), result),
      (error: AppError) => {
        stop({ outcome: error.status === 504 ? 'timeout' : error.status === 503 ? 'unavailable' : error.status >= 500 ? 'error' : 'refused' });
        throw error;
      },
    );
  }

  private call<TResult>(pattern: string, data: unknown, meta: RpcMeta): Promise<TResult> {
    const channel = this.channel;
    if (!channel) return Promise.reject(this.unavailable('the message broker is not connected'));
    const correlationId = randomUUID();
    const request: RpcRequestMessage = { pattern, data: { meta: { ...meta, deadline: Date.now() + this.timeoutMs }, data } };
    return new Promise<TResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new AppError(504, ProblemCodes.ServiceTimeout, `${this.service} did not answer within ${this.timeoutMs} ms.`));
      }, this.timeoutMs);
      this.pending.set(correlationId, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        channel.sendToQueue(this.queue, Buffer.from(JSON.stringify(request)), {
          correlationId,
          replyTo: REPLY_QUEUE,
          expiration: String(this.timeoutMs),
          contentType: 'application/json',
          headers: { 'x-correlation-id': meta.correlationId },
        });
      } catch (error) {
        this.fail(correlationId, this.unavailable((error as Error).message));
      }
    });
  }

  private settle(message: ConsumeMessage) {
    const entry = this.pending.get(message.properties.correlationId);
    if (!entry) return; // answered after its deadline
    this.pending.delete(message.properties.correlationId);
    clearTimeout(entry.timer);
    const reply = JSON.parse(message.content.toString('utf8')) as RpcReplyMessage;
    if (!('err' in reply)) entry.resolve(reply.response);
    else if (isProblem(reply.err)) entry.reject(AppError.fromProblem(reply.err));
    else entry.reject(new AppError(500, ProblemCodes.Internal, `${this.service} failed to handle the request.`));
  }

  /** Replies to direct reply-to come back on the channel that asked: a lost channel loses them all. */
  private channelLost(channel: Channel) {
    if (this.channel !== channel) return;
    this.channel = undefined;
    for (const id of [...this.pending.keys()]) this.fail(id, this.unavailable('the broker connection was lost'));
  }

  private fail(correlationId: string, error: AppError) {
    const entry = this.pending.get(correlationId);
    if (!entry) return;
    this.pending.delete(correlationId);
    clearTimeout(entry.timer);
    entry.reject(error);
  }

  private unavailable(reason: string) {
    return new AppError(503, ProblemCodes.ServiceUnavailable, `${this.service} cannot be reached: ${reason}.`);
  }
}
