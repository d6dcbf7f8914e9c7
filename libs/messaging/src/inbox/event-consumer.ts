import { Channel, ConsumeMessage } from 'amqplib';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Counter, Gauge, Registry } from 'prom-client';
import { EventEnvelope, EventEnvelopeDto, EventTypes, MessageDeadLetteredPayload, UNVERSIONED } from '@oms/contracts';
import { sql } from '@oms/persistence';
import { AppError, flattenValidationErrors, STRICT_VALIDATION } from '@oms/platform';
import { AmqpClient } from '../amqp-client';
import { DEAD_LETTER_EXCHANGE, declareConsumerQueue, dlqName, retryQueueName } from '../topology';
import { OutboxRelay } from '../outbox/outbox-relay';
import { commitThenRelay, enqueueEvents } from '../outbox/outbox';
import { EventHandler, inEventContext, PermanentEventError } from './event-handler';
import { applyInBatch, BatchFailure } from './apply-in-batch';
import { applySteps } from './apply-steps';
import { ChannelAcks } from './channel-acks';

export interface EventConsumerOptions {
  /** Consumer name and queue: `<service>.events`. */
  queue: string;
  handlers: EventHandler[];
  prefetch: number;
  /** At most this many waiting events are applied in one transaction (one inbox insert, one commit). */
  batchSize: number;
  /** At most this many such transactions at once. */
  batchConcurrency: number;
  maxAttempts: number;
  retryDelaysMs: number[];
  shutdownTimeoutMs: number;
  /** Called after an event's transaction committed and before its ack (tracing, fault-injection tests). */
  afterCommit?: (event: EventEnvelope<object>) => void;
  /** Keeps a message taken from the DLQ somewhere durable (see DeadLetters); without it the DLQ is left to an operator. */
  keepDeadLetter?: (queue: string, message: ConsumeMessage) => Promise<void>;
}

const ATTEMPT_HEADER = 'x-attempt';

/**
 * The envelope's own fields, as an instance to validate: what plainToInstance would make of them (they
 * are flat), without its deep copy of the payload, which is transformed into its own class afterwards.
 */
function envelopeOf(raw: unknown): EventEnvelopeDto {
  const { id, type, version, occurredAt, correlationId, causationId, aggregateId, aggregateVersion, payload } = (raw ?? {}) as Record<keyof EventEnvelopeDto, never>;
  return Object.assign(new EventEnvelopeDto(), { id, type, version, occurredAt, correlationId, causationId, aggregateId, aggregateVersion, payload });
}

interface Delivery {
  channel: Channel;
  message: ConsumeMessage;
}

interface ParsedDelivery extends Delivery {
  attempt: number;
  event: EventEnvelope<object>;
  handler: EventHandler;
}

/**
 * Consumes a service's queue with manual acks and bounded prefetch. Each message is validated, then
 * applied in a transaction with its `processed_message` row (duplicates are skipped), and acked only
 * after the commit. Messages that wait while a transaction runs are applied together in the next one
 * (one inbox insert and one commit for up to `batchSize`, and one call for the events of a type whose
 * handler applies many at once); when an event of such a batch fails, the batch is rolled back and
 * applied again without it, and that event on its own, so one bad event never holds up the others. A
 * failure is retried through the delay queues; invalid messages and those that keep failing go to the
 * DLQ with the reason in their headers, and the queue keeps flowing.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiting: Delivery[] = [];
  /** Each consumer channel's acks, sent in as few frames as they can. */
  private readonly acks = new WeakMap<Channel, ChannelAcks>();
  private batchesRunning = 0;
  private active?: { channel: Channel; consumerTags: string[] };
  private stopping = false;
  private readonly outcomes: Counter<'type' | 'outcome'>;

  constructor(
    private readonly amqp: AmqpClient,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly logger: Logger,
    private readonly options: EventConsumerOptions,
    registry?: Registry,
  ) {
    for (const handler of options.handlers) this.handlers.set(handler.type, handler);
    this.outcomes = new Counter({
      name: 'oms_events_consumed_total',
      help: 'Consumed events by type and outcome',
      labelNames: ['type', 'outcome'],
      registers: registry ? [registry] : [],
    });
    if (registry) this.registerQueueDepth(registry);
  }

  /** Messages waiting in the service's queue, its DLQ and its retry queues: read from the broker when Prometheus scrapes. */
  private registerQueueDepth(registry: Registry) {
    const queues = [this.options.queue, dlqName(this.options.queue), ...new Set(this.options.retryDelaysMs.map((delay) => retryQueueName(this.options.queue, delay)))];
    const amqp = this.amqp;
    new Gauge({
      name: 'oms_queue_messages', help: 'Messages waiting per queue of this service', labelNames: ['queue'], registers: [registry],
      async collect() {
        // queues are declared at the consumer's start; until then there is nothing to report
        for (const [queue, count] of await amqp.messageCounts(queues)) this.set({ queue }, count);
      },
    });
  }

  async start(): Promise<void> {
    await this.amqp.register(`consumer ${this.options.queue}`, async (connection) => {
      if (this.stopping) return;
      const channel = await connection.createChannel();
      channel.on('error', (error) => this.logger.warn({ err: error }, 'consumer channel error'));
      await declareConsumerQueue(connection, channel, {
        queue: this.options.queue,
        bindings: [...this.handlers.keys()],
        retryDelaysMs: this.options.retryDelaysMs,
      });
      await channel.prefetch(this.options.prefetch);
      const acks = new ChannelAcks(channel, (error) => this.logger.warn({ err: error }, 'ack failed: the channel closed; the message will be redelivered'));
      this.acks.set(channel, acks);
      const { consumerTag } = await channel.consume(this.options.queue, (message) => {
        if (!message) return;
        acks.received(message);
        this.waiting.push({ channel, message });
        this.startBatches();
      });
      const consumerTags = [consumerTag];
      const keep = this.options.keepDeadLetter;
      if (keep) {
        const dlq = await channel.consume(dlqName(this.options.queue), (message) => {
          if (!message) return;
          acks.received(message);
          this.track(this.moveDeadLetter(channel, message, keep));
        });
        consumerTags.push(dlq.consumerTag);
      }
      this.active = { channel, consumerTags };
    });
  }

  /** Stops taking messages, lets the ones in flight finish (up to the shutdown timeout), closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    const active = this.active;
    this.active = undefined;
    for (const tag of active?.consumerTags ?? []) await active?.channel.cancel(tag).catch(() => undefined);
    const drained = Promise.allSettled([...this.inFlight]);
    const timeout = new Promise((resolve) => setTimeout(resolve, this.options.shutdownTimeoutMs).unref());
    await Promise.race([drained, timeout]);
    await active?.channel.close().catch(() => undefined);
  }

  /** Moves a message from the DLQ into the dead-letter table; acked once it is stored, retried later if that fails. */
  private async moveDeadLetter(channel: Channel, message: ConsumeMessage, keep: NonNullable<EventConsumerOptions['keepDeadLetter']>) {
    try {
      await keep(this.options.queue, message);
      this.ack(channel, message);
    } catch (error) {
      this.logger.warn({ err: error, messageId: message.properties.messageId }, 'could not keep a dead letter; it stays in the DLQ for now');
      setTimeout(() => this.nackRequeue(channel, message), 5000).unref();
    }
  }

  private track(work: Promise<void>) {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Takes the waiting messages, up to `batchSize` at a time, into at most `batchConcurrency` transactions. */
  private startBatches() {
    while (!this.stopping && this.batchesRunning < this.options.batchConcurrency && this.waiting.length) {
      const batch = this.waiting.splice(0, this.options.batchSize);
      this.batchesRunning++;
      this.track(this.processBatch(batch).finally(() => {
        this.batchesRunning--;
        this.startBatches();
      }));
    }
  }

  private async processBatch(batch: Delivery[]): Promise<void> {
    const parsed: ParsedDelivery[] = [];
    for (const { channel, message } of batch) {
      const attempt = Number(message.properties.headers?.[ATTEMPT_HEADER] ?? 1);
      try {
        parsed.push({ channel, message, attempt, ...this.parse(message) });
      } catch (error) {
        await this.deadLetter(channel, message, attempt, error as Error, message.fields.routingKey);
      }
    }
    await this.apply(parsed);
  }

  /** Applies the events together in one transaction (see applyInBatch for what a failure does). */
  private apply(deliveries: ParsedDelivery[]): Promise<void> {
    return applyInBatch(
      deliveries,
      (batch) => this.applyTogether(batch),
      (delivery) => this.applyOne(delivery),
      (error, without) => this.logger.warn({ err: error, events: deliveries.length, eventId: without?.event.id },
        without ? 'an event of a batch failed; applying the others without it' : 'a batch of events failed; applying them one by one'),
    );
  }

  /**
   * All or nothing; a failure of one event's handler is a BatchFailure naming it. Events whose handlers
   * apply many at once go to them together (see applySteps); a failure there names no one event.
   */
  private async applyTogether(deliveries: readonly ParsedDelivery[]): Promise<void> {
    const applied = await commitThenRelay(this.dataSource, this.relay, async (manager) => {
      const unclaimed = await this.claimAll(manager, deliveries.map(({ event }) => event));
      // a redelivered copy in the same batch is a duplicate of the first
      const outcomes = deliveries.map(({ event }) => unclaimed.delete(event.id.toLowerCase()));
      const claimed = deliveries.flatMap((delivery, index) => (outcomes[index] ? [{ ...delivery, index }] : []));
      const steps = applySteps(claimed.map(({ event, handler }) => ({ type: event.type, key: handler.handleMany ? handler.keyOf!(event) : null })));
      for (const step of steps.map((indices) => indices.map((i) => claimed[i]))) {
        const [{ event, handler, index }] = step;
        const work = step.length === 1
          ? inEventContext(event, () => handler.handle(event, manager))
          : handler.handleMany!(step.map((delivery) => delivery.event), manager);
        await work.catch((error: unknown) => {
          throw new BatchFailure(step.length === 1 ? index : undefined, error);
        });
      }
      return outcomes;
    });
    deliveries.forEach((delivery, index) => inEventContext(delivery.event, () => this.settle(delivery, applied[index])));
  }

  private async applyOne(delivery: ParsedDelivery): Promise<void> {
    const { channel, message, attempt, event, handler } = delivery;
    await inEventContext(event, async () => {
      try {
        const applied = await commitThenRelay(this.dataSource, this.relay, async (manager) => {
          if (!(await this.claim(manager, event))) return false;
          await handler.handle(event, manager);
          return true;
        });
        this.settle(delivery, applied);
      } catch (error) {
        // a refusal (4xx) is what the rules answer every time: retrying cannot cure it
        const permanent = error instanceof PermanentEventError || (error instanceof AppError && error.status < 500);
        if (!permanent && attempt < this.options.maxAttempts) await this.retry(channel, message, attempt, error as Error);
        else {
          await this.giveUp(handler, event, error as Error);
          await this.deadLetter(channel, message, attempt, error as Error, event.type);
        }
      }
    });
  }

  /** After the commit: counted, acked. */
  private settle({ channel, message, event }: ParsedDelivery, applied: boolean) {
    this.options.afterCommit?.(event);
    this.outcomes.inc({ type: event.type, outcome: applied ? 'applied' : 'duplicate' });
    if (!applied) this.logger.info({ eventId: event.id, type: event.type }, 'duplicate event skipped');
    this.ack(channel, message);
  }

  /** Marks the events processed by this consumer, in the caller's transaction; returns the ids that were not already. */
  private async claimAll(manager: EntityManager, events: EventEnvelope<object>[]): Promise<Set<string>> {
    const inserted = await sql<{ message_id: string }>(
      manager,
      `INSERT INTO processed_message (consumer, message_id, event_type)
       SELECT $1, id, type FROM unnest($2::uuid[], $3::text[]) AS e (id, type)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [this.options.queue, events.map((e) => e.id), events.map((e) => e.type)],
    );
    return new Set(inserted.map((row) => row.message_id));
  }

  /** Marks the event processed by this consumer, in the caller's transaction; false when it was already. */
  private async claim(manager: EntityManager, event: EventEnvelope<object>): Promise<boolean> {
    return (await this.claimAll(manager, [event])).size > 0;
  }


  /** Lets the handler settle an event that will never apply; marks it processed, so a replay from the DLQ is skipped. */
  private async giveUp(handler: EventHandler, event: EventEnvelope<object>, error: Error) {
    if (!handler.giveUp) return;
    try {
      await commitThenRelay(this.dataSource, this.relay, async (manager) => {
        if (await this.claim(manager, event)) await handler.giveUp!(event, manager, error.message);
      });
    } catch (giveUpError) {
      this.logger.error({ err: giveUpError, eventId: event.id, type: event.type }, 'could not settle an event that cannot be applied');
    }
  }

  private parse(message: ConsumeMessage): { event: EventEnvelope<object>; handler: EventHandler } {
    let raw: unknown;
    try {
      raw = JSON.parse(message.content.toString('utf8'));
    } catch {
      throw new PermanentEventError('body is not JSON');
    }
    const envelope = envelopeOf(raw);
    const envelopeErrors = validateSync(envelope);
    if (envelopeErrors.length) throw new PermanentEventError(this.describe('envelope', envelopeErrors));
    const handler = this.handlers.get(envelope.type);
    if (!handler) throw new PermanentEventError(`no handler for event type ${envelope.type}`);
    const payload = plainToInstance(handler.payloadType, envelope.payload);
    const payloadErrors = validateSync(payload, { ...STRICT_VALIDATION, forbidNonWhitelisted: false });
    if (payloadErrors.length) throw new PermanentEventError(this.describe('payload', payloadErrors));
    return { event: { ...envelope, payload }, handler };
  }

  private describe(part: string, errors: Parameters<typeof flattenValidationErrors>[0]) {
    return `invalid ${part}: ${flattenValidationErrors(errors).map((e) => `${e.field} ${e.message}`).join('; ')}`;
  }

  private async retry(channel: Channel, message: ConsumeMessage, attempt: number, error: Error) {
    const delays = this.options.retryDelaysMs;
    const delay = delays[Math.min(attempt - 1, delays.length - 1)];
    this.logger.warn({ err: error, messageId: message.properties.messageId, attempt, retryInMs: delay }, 'event failed, retrying');
    this.outcomes.inc({ type: message.fields.routingKey, outcome: 'retried' });
    await this.republish(channel, message, '', retryQueueName(this.options.queue, delay), {
      [ATTEMPT_HEADER]: attempt + 1,
      'x-last-error': error.message.slice(0, 1000),
    });
  }

  private async deadLetter(channel: Channel, message: ConsumeMessage, attempt: number, error: Error, type: string) {
    this.logger.error(
      { err: error, messageId: message.properties.messageId, type, attempt },
      'event sent to the dead-letter queue',
    );
    this.outcomes.inc({ type, outcome: 'dead_lettered' });
    await this.announceDeadLetter(message, attempt, error, type);
    await this.republish(channel, message, DEAD_LETTER_EXCHANGE, this.options.queue, {
      [ATTEMPT_HEADER]: attempt,
      'x-dead-letter-reason': error.message.slice(0, 1000),
      'x-original-routing-key': message.fields.routingKey,
    });
  }

  /**
   * `ops.message_dead_lettered`, through the outbox, so staff are alerted (the notification service). Not
   * for an announcement that was itself dead-lettered: that would never end.
   */
  private async announceDeadLetter(message: ConsumeMessage, attempts: number, error: Error, routingKey: string) {
    if (routingKey === EventTypes.MessageDeadLettered) return;
    const payload: MessageDeadLetteredPayload = {
      queue: this.options.queue, messageId: message.properties.messageId ?? null, routingKey, reason: error.message.slice(0, 1000), attempts,
      deadLetteredAt: new Date().toISOString(),
    };
    try {
      await commitThenRelay(this.dataSource, this.relay, (manager) =>
        enqueueEvents(manager, [{ type: EventTypes.MessageDeadLettered, aggregateId: this.options.queue, aggregateVersion: UNVERSIONED, payload }]));
    } catch (announceError) {
      this.logger.error({ err: announceError, messageId: payload.messageId }, 'could not announce a dead-lettered message');
    }
  }

  /** Publishes a copy (confirmed) before acking the original, so the message exists somewhere at all times. */
  private async republish(
    channel: Channel,
    message: ConsumeMessage,
    exchange: string,
    routingKey: string,
    headers: Record<string, unknown>,
  ) {
    try {
      const publisher = this.amqp.confirmChannel();
      publisher.publish(exchange, routingKey, message.content, {
        ...message.properties,
        persistent: true,
        headers: { ...message.properties.headers, ...headers },
      });
      await publisher.waitForConfirms();
      this.ack(channel, message);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not republish the event; it will be redelivered');
      this.nackRequeue(channel, message);
    }
  }

  /** On the channel that delivered it; one closed since (a reconnect) took its tags along, and the broker redelivers. */
  private ack(channel: Channel, message: ConsumeMessage) {
    this.acks.get(channel)!.ack(message);
  }

  private nackRequeue(channel: Channel, message: ConsumeMessage) {
    this.acks.get(channel)!.nack(message, true);
  }
}
