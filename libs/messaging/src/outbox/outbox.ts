import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EVENTS_EXCHANGE, EventEnvelope } from '@oms/contracts';
import { sql } from '@oms/persistence';
import { currentContext, currentCorrelationId } from '@oms/platform';

export interface NewEvent<TPayload = unknown> {
  type: string;
  aggregateId: string;
  aggregateVersion: number;
  payload: TPayload;
  /** Schema version of the payload. */
  version?: number;
}

/**
 * Adds events to the outbox inside the caller's transaction: they are published if and only if the
 * business change commits. Correlation and causation come from the current request or message.
 */
export async function enqueueEvents(manager: EntityManager, events: NewEvent[]): Promise<EventEnvelope[]> {
  if (!events.length) return [];
  const context = currentContext();
  const occurredAt = new Date().toISOString();
  const envelopes: EventEnvelope[] = events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    occurredAt,
    correlationId: context?.correlationId ?? currentCorrelationId(),
    causationId: context?.causationId ?? null,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    payload: event.payload,
  }));
  await sql(
    manager,
    `INSERT INTO outbox_message (id, exchange, routing_key, envelope)
     SELECT id, $1, routing_key, envelope FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS e (id, routing_key, envelope)`,
    [EVENTS_EXCHANGE, envelopes.map((e) => e.id), envelopes.map((e) => e.type), envelopes.map((e) => JSON.stringify(e))],
  );
  return envelopes;
}
