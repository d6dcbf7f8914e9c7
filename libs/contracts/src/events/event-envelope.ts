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
  /** Increases with every change of the aggregate; consumers use it to ignore stale events. */
  aggregateVersion: number;
  payload: TPayload;
}

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
