import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Channel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import type { Logger } from 'pino';
import { ProblemCodes, problemType } from '@oms/contracts';
import { AmqpClient } from '../amqp-client';
import { declareRpcQueue } from '../topology';
import { RpcReplyMessage, RpcRequestMessage } from './rpc-protocol';

/**
 * Serves a service's `@MessagePattern` handlers on its RPC queue over the process's own AMQP connection
 * (Nest's RMQ transport is several times slower here and opens a second connection).
 * Requests are at-most-once: each expires at the caller's deadline, and mutations carry an
 * Idempotency-Key, so a retry after a lost reply is safe. Events never take this path.
 */
export class AmqpRpcServer extends Server implements CustomTransportStrategy {
  private consumer?: { channel: Channel; consumerTag: string };

  constructor(
    private readonly amqp: AmqpClient,
    private readonly queue: string,
    private readonly log: Logger,
  ) {
    super();
  }

  async listen(callback: () => void) {
    await this.amqp.register(`rpc server ${this.queue}`, async (connection) => {
      const channel = await connection.createChannel();
      channel.on('error', (error) => this.log.warn({ err: error }, 'RPC channel error'));
      await declareRpcQueue(connection, channel, this.queue);
      const { consumerTag } = await channel.consume(this.queue, (message) => message && void this.handle(channel, message), { noAck: true });
      this.consumer = { channel, consumerTag };
    });
    callback();
  }

  async close() {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.channel.cancel(consumer.consumerTag).catch(() => undefined);
  }

  on(): never {
    throw new Error('AmqpRpcServer emits no transport events');
  }

  unwrap<T>(): T {
    return this.amqp as T;
  }

  private async handle(channel: Channel, message: ConsumeMessage) {
    const { replyTo, correlationId } = message.properties;
    const reply = (body: RpcReplyMessage) => {
      if (!replyTo) return;
      try {
        channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(body)), { correlationId, contentType: 'application/json' });
      } catch (error) {
        this.log.warn({ err: error }, 'could not send an RPC reply; the caller will time out');
      }
    };
    let request: RpcRequestMessage;
    try {
      request = JSON.parse(message.content.toString('utf8'));
    } catch {
      reply({ err: { type: problemType(ProblemCodes.ValidationFailed), title: 'Bad Request', status: 400, detail: 'RPC body is not JSON', code: ProblemCodes.ValidationFailed } });
      return;
    }
    const handler = this.getHandlerByPattern(request.pattern);
    if (!handler) {
      reply({ err: { type: problemType(ProblemCodes.NotFound), title: 'Not Found', status: 404, detail: `no RPC handler for ${request.pattern}`, code: ProblemCodes.NotFound } });
      return;
    }
    try {
      const result$ = this.transformToObservable(await handler(request.data, new BaseRpcContext([message, request.pattern])));
      reply({ response: await lastValueFrom(result$, { defaultValue: null }) });
    } catch (error) {
      reply({ err: error });
    }
  }
}
