import { Channel, ChannelModel, Options } from 'amqplib';
import { EVENTS_EXCHANGE } from '@oms/contracts';
import brokerPolicies from './broker-policies.json';

export const DEAD_LETTER_EXCHANGE = 'oms.dlx';
export const UNROUTABLE_EXCHANGE = 'oms.unroutable';
export const UNROUTABLE_QUEUE = 'oms.unroutable';

export interface BrokerPolicy {
  name: string;
  pattern: string;
  applyTo: string;
  priority: number;
  definition: Record<string, unknown>;
}

/** Settings that may change later (lengths, delivery limits, dead-letter strategy): applied by whoever runs the broker. */
export const BROKER_POLICIES: readonly BrokerPolicy[] = brokerPolicies.policies;
/** `rabbitmqctl set_policy` arguments for a policy on a vhost. */
export const setPolicyArgs = (vhost: string, { name, pattern, applyTo, priority, definition }: BrokerPolicy) =>
  ['set_policy', '-p', vhost, '--apply-to', applyTo, '--priority', String(priority), name, pattern, JSON.stringify(definition)];
export const UNROUTABLE_POLICY = BROKER_POLICIES.find((policy) => policy.name === 'oms-unroutable')!;

/** Survives the loss of a broker node: replicated over the cluster (every queue that holds work is one). */
const QUORUM = { 'x-queue-type': 'quorum' } as const;

export const dlqName = (queue: string) => `${queue}.dlq`;
export const retryQueueName = (queue: string, delayMs: number) => `${queue}.retry.${delayMs}ms`;

/**
 * The shared exchanges: `oms.events` (topic) with an alternate exchange that keeps unroutable events in
 * a queue instead of dropping them, and the dead-letter exchange. Idempotent; every service runs it.
 */
export async function declareEventExchanges(channel: Channel): Promise<void> {
  await channel.assertExchange(UNROUTABLE_EXCHANGE, 'fanout', { durable: true });
  await channel.assertQueue(UNROUTABLE_QUEUE, { durable: true, arguments: QUORUM });
  await channel.bindQueue(UNROUTABLE_QUEUE, UNROUTABLE_EXCHANGE, '');
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true, alternateExchange: UNROUTABLE_EXCHANGE });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
}

/**
 * Declares a queue unless it exists already. One an earlier version declared with another type or other
 * arguments (a classic retry or RPC queue) is used as it is, where asserting it would fail with
 * PRECONDITION_FAILED and keep the service from consuming; docs/operations.md says how to convert it.
 * The probe runs on a channel of its own, as a missing queue closes the channel that asked.
 */
export async function declareQueue(connection: ChannelModel, channel: Channel, name: string, options: Options.AssertQueue): Promise<void> {
  const probe = await connection.createChannel();
  probe.on('error', () => undefined);
  const exists = await probe.checkQueue(name).then(() => true, () => false);
  await probe.close().catch(() => undefined);
  if (!exists) await channel.assertQueue(name, options);
}

/** A service's RPC request queue: quorum, so requests are taken on whichever node is left. */
export const declareRpcQueue = (connection: ChannelModel, channel: Channel, queue: string) =>
  declareQueue(connection, channel, queue, { durable: true, arguments: QUORUM });

export interface ConsumerQueue {
  queue: string;
  bindings: readonly string[];
  retryDelaysMs: readonly number[];
}

/**
 * A service's durable quorum queue bound to the events it handles, its DLQ, and one delay queue per
 * retry delay (a message waits out the TTL there, then dead-letters back to the work queue). Arguments
 * hold only what the queue's name fixes (its type, where it dead-letters to, a retry queue's delay); the
 * delivery limit and dead-letter strategy come from the `oms-work-queues` / `oms-retry-queues` policies.
 */
export async function declareConsumerQueue(connection: ChannelModel, channel: Channel, { queue, bindings, retryDelaysMs }: ConsumerQueue) {
  const dlq = dlqName(queue);
  await channel.assertQueue(dlq, { durable: true, arguments: QUORUM });
  await channel.bindQueue(dlq, DEAD_LETTER_EXCHANGE, queue);
  await declareQueue(connection, channel, queue, {
    durable: true,
    arguments: { ...QUORUM, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE, 'x-dead-letter-routing-key': queue },
  });
  for (const key of bindings) await channel.bindQueue(queue, EVENTS_EXCHANGE, key);
  // a retry queue's TTL is its name's: it never changes
  for (const delay of new Set(retryDelaysMs)) {
    await declareQueue(connection, channel, retryQueueName(queue, delay), {
      durable: true,
      arguments: { ...QUORUM, 'x-message-ttl': delay, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    });
  }
}
