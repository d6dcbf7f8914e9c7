import { Channel } from 'amqplib';
import { EVENTS_EXCHANGE } from '@oms/contracts';

export const DEAD_LETTER_EXCHANGE = 'oms.dlx';
export const UNROUTABLE_EXCHANGE = 'oms.unroutable';
export const UNROUTABLE_QUEUE = 'oms.unroutable';
export { default as UNROUTABLE_POLICY } from './unroutable-policy.json';

export const dlqName = (queue: string) => `${queue}.dlq`;
export const retryQueueName = (queue: string, delayMs: number) => `${queue}.retry.${delayMs}ms`;

/** Quorum queues redeliver a crashing message at most this often before RabbitMQ dead-letters it. */
const DELIVERY_LIMIT = 20;

/**
 * The shared exchanges: `oms.events` (topic) with an alternate exchange that keeps unroutable events in
 * a queue instead of dropping them, and the dead-letter exchange. Idempotent; every service runs it.
 */
export async function declareEventExchanges(channel: Channel): Promise<void> {
  await channel.assertExchange(UNROUTABLE_EXCHANGE, 'fanout', { durable: true });
  await channel.assertQueue(UNROUTABLE_QUEUE, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(UNROUTABLE_QUEUE, UNROUTABLE_EXCHANGE, '');
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true, alternateExchange: UNROUTABLE_EXCHANGE });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
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
