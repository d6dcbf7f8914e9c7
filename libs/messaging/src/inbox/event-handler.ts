import { ClassConstructor } from 'class-transformer';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@oms/contracts';

/**
 * Applies one event type. `handle` runs inside the inbox transaction: whatever it writes through
 * `manager` (state, outbox rows) commits together with the deduplication row, or not at all.
 */
export interface EventHandler<TPayload extends object = object> {
  readonly type: string;
  readonly payloadType: ClassConstructor<TPayload>;
  handle(event: EventEnvelope<TPayload>, manager: EntityManager): Promise<void>;
  /**
   * Settles what the event was about once it can never be applied (a permanent error, or every attempt
   * failed), in a transaction of its own, before the event goes to the DLQ for an operator: an order
   * whose stock cannot be reserved is refused with a reason rather than left waiting for ever.
   */
  giveUp?(event: EventEnvelope<TPayload>, manager: EntityManager, reason: string): Promise<void>;
}

/** A failure that retrying cannot cure: the message goes straight to the DLQ. */
export class PermanentEventError extends Error {}
