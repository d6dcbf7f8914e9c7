import { ClassConstructor } from 'class-transformer';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@oms/contracts';
import { runInContext } from '@oms/platform';

/**
 * Applies one event type. `handle` runs inside the inbox transaction: whatever it writes through
 * `manager` (state, outbox rows) commits together with the deduplication row, or not at all.
 */
export interface EventHandler<TPayload extends object = object> {
  readonly type: string;
  readonly payloadType: ClassConstructor<TPayload>;
  handle(event: EventEnvelope<TPayload>, manager: EntityManager): Promise<void>;
  /**
   * When the handler can apply many events of its type at once (in fewer statements than one each):
   * what an event writes, as a key. Events of different keys are independent, so the consumer may hand
   * them to `handleMany` together, in any order; events of one key arrive in order, one per call.
   */
  keyOf?(event: EventEnvelope<TPayload>): string;
  /** Applies events of different keys together, inside the inbox transaction, all or nothing (see `keyOf`). */
  handleMany?(events: EventEnvelope<TPayload>[], manager: EntityManager): Promise<void>;
  /**
   * Settles what the event was about once it can never be applied (a permanent error, or every attempt
   * failed), in a transaction of its own, before the event goes to the DLQ for an operator: an order
   * whose stock cannot be reserved is refused with a reason rather than left waiting for ever.
   */
  giveUp?(event: EventEnvelope<TPayload>, manager: EntityManager, reason: string): Promise<void>;
}

/** A failure that retrying cannot cure: the message goes straight to the DLQ. */
export class PermanentEventError extends Error {}

/** Runs `work` as the event's own: its logs and the events it enqueues carry the event's correlation id, and the event as their cause. */
export const inEventContext = <T>(event: EventEnvelope<object>, work: () => T): T =>
  runInContext({ correlationId: event.correlationId, causationId: event.id }, work);
