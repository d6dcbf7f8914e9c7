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
}

/** A failure that retrying cannot cure: the message goes straight to the DLQ. */
export class PermanentEventError extends Error {}
