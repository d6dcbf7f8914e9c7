import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EVENTS_EXCHANGE, EventEnvelope } from '@oms/contracts';
import { sql } from '@oms/persistence';
import { currentContext, currentCorrelationId } from '@oms/platform';
import type { OutboxMessage, OutboxRelay } from './outbox-relay';

export interface NewEvent<TPayload = unknown> {
  type: string;
  aggregateId: string;
  aggregateVersion: number;
  payload: TPayload;
  /** Schema version of the payload. */
  version?: number;
}

/** What runs once the transaction commitThenRelay runs has ended: `committed` says whether it committed. */
export type TransactionHook = (committed: boolean) => void;

/**
 * What the work of each transaction commitThenRelay runs (by its query runner) left for its end: the
 * events it enqueued, written in one statement just before it commits (a batch of events that each cause
 * one costs one insert, not one each), and the hooks to call once it has ended.
 */
const workOf = new WeakMap<object, { events: EventEnvelope[]; hooks: TransactionHook[] }>();

/**
 * Calls `hook` once the caller's transaction has ended (true: it committed), to act on what it wrote only
 * when that is durable. False when the transaction is not one commitThenRelay runs: nothing will call it.
 */
export function afterTransaction(manager: EntityManager, hook: TransactionHook): boolean {
  const hooks = manager.queryRunner && workOf.get(manager.queryRunner)?.hooks;
  hooks?.push(hook);
  return Boolean(hooks);
}

/**
 * Runs `work` in one transaction, writes the events it enqueued in one statement before the commit and,
 * once it committed, hands those rows to the relay, which publishes them without reading them back. The
 * relay holds them from before the commit, so that its sweep never sees them unclaimed.
 */
export async function commitThenRelay<T>(dataSource: DataSource, relay: Pick<OutboxRelay, 'hold' | 'committed' | 'release'>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  let written: OutboxMessage[] = [];
  let hooks: TransactionHook[] = [];
  let result: T;
  try {
    result = await dataSource.transaction(async (manager) => {
      const left = { events: [] as EventEnvelope[], hooks: (hooks = []) };
      workOf.set(manager.queryRunner!, left);
      const done = await work(manager);
      workOf.delete(manager.queryRunner!);
      written = await insertOutboxRows(manager, left.events);
      relay.hold(written);
      return done;
    });
  } catch (error) {
    // a commit that failed may still have happened: the sweep publishes such rows
    relay.release(written);
    for (const hook of hooks) hook(false);
    throw error;
  }
  if (written.length) relay.committed(written);
  for (const hook of hooks) hook(true);
  return result;
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
  const pending = manager.queryRunner && workOf.get(manager.queryRunner)?.events;
  if (pending) pending.push(...envelopes);
  else await insertOutboxRows(manager, envelopes);
  return envelopes;
}

/** Writes the envelopes' outbox rows; answers them as the relay publishes them (each envelope serialised once). */
async function insertOutboxRows(manager: EntityManager, envelopes: EventEnvelope[]): Promise<OutboxMessage[]> {
  if (!envelopes.length) return [];
  const messages = envelopes.map((e): OutboxMessage => ({
    id: e.id, exchange: EVENTS_EXCHANGE, routingKey: e.type, body: JSON.stringify(e), correlationId: e.correlationId, occurredAt: e.occurredAt,
  }));
  await sql(
    manager,
    `INSERT INTO outbox_message (id, exchange, routing_key, envelope)
     SELECT id, $1, routing_key, envelope FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS e (id, routing_key, envelope)`,
    [EVENTS_EXCHANGE, messages.map((m) => m.id), messages.map((m) => m.routingKey), messages.map((m) => m.body)],
  );
  return messages;
}
