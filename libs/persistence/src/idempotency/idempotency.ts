import { createHash } from 'node:crypto';
import { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { ProblemCodes } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { sql } from '../sql';

export interface IdempotencyScope {
  /** Operation and caller, e.g. `orders.place:admin-1`: the same key from two callers never collides. */
  scope: string;
  key: string;
  request: unknown;
}

const hashOf = (request: unknown) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * The stored result of an earlier request with this key, or undefined when the key is new (or still
 * being worked on); the same key with another request body is a 422.
 */
export async function previousResult<T>(manager: EntityManager, idempotency: IdempotencyScope): Promise<{ response: T } | undefined> {
  const [first] = await sql(
    manager,
    'SELECT request_hash, response FROM idempotency_key WHERE scope = $1 AND key = $2',
    [idempotency.scope, idempotency.key],
  );
  if (!first) return undefined;
  if (first.request_hash !== hashOf(idempotency.request)) {
    throw AppError.unprocessable('This Idempotency-Key was already used with a different request.', ProblemCodes.IdempotencyKeyReused);
  }
  return first.response === null ? undefined : { response: first.response as T };
}

/**
 * Runs `work` once per idempotency key, inside the caller's transaction: the key, the business change
 * and the stored result commit together. A retry gets the first result; a concurrent duplicate waits on
 * the key's row until the first commits; the same key with another request body is a 422. Work that is
 * costly before its transaction asks `previousResult` first.
 */
export async function onceForKey<T>(
  manager: EntityManager,
  idempotency: IdempotencyScope | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!idempotency) return work();
  const inserted = await sql(
    manager,
    `INSERT INTO idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
    [idempotency.scope, idempotency.key, hashOf(idempotency.request)],
  );
  if (!inserted.length) return (await previousResult<T>(manager, idempotency))!.response;
  const result = await work();
  await sql(manager, 'UPDATE idempotency_key SET response = $3 WHERE scope = $1 AND key = $2', [
    idempotency.scope,
    idempotency.key,
    JSON.stringify(result),
  ]);
  return result;
}

export class CreateIdempotencyKeys1732300000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1732300000000';

  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE idempotency_key (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await runner.query('CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE idempotency_key');
  }
}
