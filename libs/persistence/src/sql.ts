import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `oms_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement of fixed text inside the caller's transaction as a named prepared statement:
 * PostgreSQL parses and plans it once per connection instead of on every call, which is most of its
 * CPU on the hot paths. Outside a transaction it falls back to an ordinary query. Keep `text` constant
 * (pass lists as arrays, e.g. with unnest) so that each statement is prepared once.
 */
export async function sql<T = Row>(executor: EntityManager | DataSource, text: string, values: unknown[] = []): Promise<T[]> {
  const runner = executor instanceof EntityManager ? executor.queryRunner : undefined;
  if (!runner || runner.isReleased) return executor.query(text, values);
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query({ name: statementName(text), text, values });
  return result.rows as T[];
}
