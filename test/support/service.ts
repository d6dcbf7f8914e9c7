import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, RpcMeta } from '@oms/contracts';
import { AmqpClient, declaredHandlers, OutboxRelay, UnitOfWork } from '@oms/messaging';
import { AppError, createLogger } from '@oms/platform';

/**
 * What a service-level spec needs to drive a service's use cases and handlers on its real database,
 * without the broker or the other services.
 */
export const logger = createLogger('service-test', 'silent');
export const ADMIN: RpcMeta = { correlationId: 'c-1', actor: { sub: 'admin-1', role: 'admin' } };

/** A UnitOfWork whose relay is never started: events stay in the outbox, where the specs read them. */
export const unitOfWorkWithoutBroker = (db: DataSource) =>
  new UnitOfWork(db, new OutboxRelay(db, new AmqpClient('amqp://127.0.0.1:1', logger, 'test'), logger, { batchSize: 1, pollIntervalMs: 1000, retentionHours: 1 }));

/** Delivers an event to the handler that the given objects declare for its type (as the consumer finds them), in a transaction. */
export function eventDelivery(db: DataSource, handlerObjects: object[]) {
  const handlers = new Map(handlerObjects.flatMap(declaredHandlers).map((h) => [h.type, h]));
  const envelope = (type: string, payload: object) =>
    ({ id: randomUUID(), type, occurredAt: new Date().toISOString(), correlationId: randomUUID(), payload }) as EventEnvelope<object>;
  const deliver = (type: string, payload: object) => db.transaction((manager: EntityManager) => handlers.get(type)!.handle(envelope(type, payload), manager));
  /** Delivers events of one type together, as the consumer does with a handler that applies many at once; answers them. */
  const deliverMany = async (type: string, payloads: object[]) => {
    const envelopes = payloads.map((payload) => envelope(type, payload));
    await db.transaction((manager: EntityManager) => handlers.get(type)!.handleMany!(envelopes, manager));
    return envelopes;
  };
  return { deliver, deliverMany, types: () => [...handlers.keys()].sort() };
}

/** The events in the outbox of the given aggregates, oldest first. */
export const outboxOf = async (db: DataSource, aggregateIds: string[]) =>
  (await db.query(
    `SELECT envelope->>'type' AS type, (envelope->>'aggregateVersion')::int AS version FROM outbox_message
     WHERE envelope->>'aggregateId' = ANY($1) ORDER BY seq`, [aggregateIds])) as { type: string; version: number }[];

/** The AppError a use case refused with, or undefined when it succeeded. */
export const refusal = (work: Promise<unknown>) => work.then(() => undefined, (error: AppError) => error);
