import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

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
 * Runs a statement of fixed text as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call, which is most of its CPU on the hot paths. Inside the caller's
 * transaction it runs on that connection; outside one, on a pooled connection as a statement of its own
 * (committed when it returns, without the two extra round trips of BEGIN and COMMIT). Either way it
 * answers the rows, also for UPDATE and DELETE. Keep `text` constant (pass lists as arrays, e.g. with
 * unnest) so that each statement is prepared once.
 */
export async function sql<T = Row>(executor: EntityManager | DataSource, text: string, values: unknown[] = []): Promise<T[]> {
  const statement = { name: statementName(text), text, values };
  const runner = executor instanceof EntityManager ? executor.queryRunner : undefined;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query(statement)).rows as T[];
  }
  const driver = (executor instanceof EntityManager ? executor.connection : executor).driver as PostgresDriver;
  const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, () => void];
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    release();
  }
}
