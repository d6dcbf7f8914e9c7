import { Channel, ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { EVENTS_EXCHANGE } from '@oms/contracts';

export const DEAD_LETTER_EXCHANGE = 'oms.dlx';
export const UNROUTABLE_EXCHANGE = 'oms.unroutable';
export const UNROUTABLE_QUEUE = 'oms.unroutable';

export const dlqName = (queue: string) => `${queue}.dlq`;
export const retryQueueName = (queue: string, delayMs: number) => `${queue}.retry.${delayMs}ms`;

/**
 * Events nobody is bound to wait here for an operator; past this many the oldest are dropped, so a
 * forgotten binding cannot fill the broker. The notification service alerts when any arrive.
 */
export const UNROUTABLE_MAX_LENGTH = 10_000;

/** Quorum queues redeliver a crashing message at most this often before RabbitMQ dead-letters it. */
const DELIVERY_LIMIT = 20;

/**
 * The shared exchanges: `oms.events` (topic) with an alternate exchange that keeps unroutable events in
 * a queue instead of dropping them, and the dead-letter exchange. Idempotent; every service runs it.
 */
export async function declareEventExchanges(connection: ChannelModel, logger: Logger): Promise<void> {
  await declareUnroutableQueue(connection, logger);
  const channel = await connection.createChannel();
  await channel.assertExchange(UNROUTABLE_EXCHANGE, 'fanout', { durable: true });
  await channel.bindQueue(UNROUTABLE_QUEUE, UNROUTABLE_EXCHANGE, '');
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true, alternateExchange: UNROUTABLE_EXCHANGE });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
  await channel.close();
}

/**
 * The unroutable queue with its length limit. One declared before the limit existed keeps its arguments
 * (RabbitMQ refuses to change them): it is used as it is, with a warning naming the fix.
 */
async function declareUnroutableQueue(connection: ChannelModel, logger: Logger) {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined); // a refused declaration closes this channel only
  try {
    await channel.assertQueue(UNROUTABLE_QUEUE, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-max-length': UNROUTABLE_MAX_LENGTH, 'x-overflow': 'drop-head' },
    });
    await channel.close();
  } catch (error) {
    logger.warn({ err: error, queue: UNROUTABLE_QUEUE },
      `${UNROUTABLE_QUEUE} exists without a length limit: set one with a policy (max-length ${UNROUTABLE_MAX_LENGTH}) or delete the queue so it is declared again`);
  }
}

export interface ConsumerQueue {
  queue: string;
  bindings: readonly string[];
  retryDelaysMs: readonly number[];
}

/**
 * A service's durable quorum queue bound to the events it handles, its DLQ, and one delay queue per
 * retry delay (a message waits out the TTL there, then dead-letters back to the work queue).
 */
export async function declareConsumerQueue(channel: Channel, { queue, bindings, retryDelaysMs }: ConsumerQueue) {
  const dlq = dlqName(queue);
  await channel.assertQueue(dlq, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(dlq, DEAD_LETTER_EXCHANGE, queue);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': DELIVERY_LIMIT,
      'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
      'x-dead-letter-routing-key': queue,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  for (const key of bindings) await channel.bindQueue(queue, EVENTS_EXCHANGE, key);
  for (const delay of new Set(retryDelaysMs)) {
    await channel.assertQueue(retryQueueName(queue, delay), {
      durable: true,
      arguments: {
        'x-queue-type': 'classic',
        'x-message-ttl': delay,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queue,
      },
    });
  }
}
