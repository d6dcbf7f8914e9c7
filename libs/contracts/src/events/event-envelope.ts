import { IsDefined, IsISO8601, IsInt, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';

/** The envelope every event travels in (ARCHITECTURE.md, "Events and reliability"). */
export interface EventEnvelope<TPayload = unknown> {
  /** uuid; also the AMQP messageId and the inbox deduplication key. */
  id: string;
  /** Equal to the routing key, e.g. `order.placed`. */
  type: string;
  version: number;
  occurredAt: string;
  correlationId: string;
  /** Id of the message or request that caused this event. */
  causationId: string | null;
  aggregateId: string;
  /**
   * The aggregate's version after the change, from producers that version their aggregate (the order:
   * its row's `version`); 0 from those that do not (stock, reservations, shipments). For tracing and
   * diagnosis only: no consumer orders events by it. Consumers stay correct under reordering because
   * what they keep only moves forward (a replica's flags, forward-only shipment statuses with
   * `occurredAt`, once-per-id ledgers), which the events-out-of-order tests check.
   */
  aggregateVersion: number;
  payload: TPayload;
}

/** `aggregateVersion` of events whose producer does not version its aggregate. */
export const UNVERSIONED = 0;

/** Validates the envelope of a consumed message; the payload is validated by its own class. */
export class EventEnvelopeDto implements EventEnvelope<Record<string, unknown>> {
  @IsUUID() id: string;
  @IsString() type: string;
  @IsInt() @Min(1) version: number;
  @IsISO8601() occurredAt: string;
  @IsString() correlationId: string;
  @IsOptional() @IsString() causationId: string | null;
  @IsString() aggregateId: string;
  @IsInt() @Min(0) aggregateVersion: number;
  @IsDefined() @IsObject() payload: Record<string, unknown>;
}
