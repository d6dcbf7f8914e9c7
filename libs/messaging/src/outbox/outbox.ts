import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EVENTS_EXCHANGE, EventEnvelope } from '@oms/contracts';
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
  const values: unknown[] = [];
  const rows = envelopes.map((envelope, i) => {
    values.push(envelope.id, EVENTS_EXCHANGE, envelope.type, JSON.stringify(envelope));
    return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
  });
  await manager.query(
    `INSERT INTO outbox_message (id, exchange, routing_key, envelope) VALUES ${rows.join(', ')}`,
    values,
  );
  return envelopes;
}
