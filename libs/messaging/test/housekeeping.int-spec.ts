import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { CreateIdempotencyKeys1732300000000, openDatabase } from '@oms/persistence';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';
import { CreateMessagingTables1732200000000, InboxRetentionIndex1734000000000, purgeExpired, RetentionRule } from '../src';

/** Expired inbox rows and idempotency keys are deleted in batches, once, whichever instances run it. */
describe('housekeeping', () => {
  const id = newTestId();
  let db: DataSource;
  const rules: RetentionRule[] = [
    { table: 'processed_message', column: 'processed_at', hours: 24 },
    { table: 'idempotency_key', column: 'created_at', hours: 24 },
  ];

  beforeAll(async () => {
    db = await openDatabase({
      url: `${POSTGRES_URL}/${id}_housekeeping`, poolSize: 6, entities: [], applicationName: 'housekeeping-test',
      migrations: [CreateMessagingTables1732200000000, CreateIdempotencyKeys1732300000000, InboxRetentionIndex1734000000000],
    });
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabases(`${id}_`);
  });

  const seed = async (old: number, recent: number) => {
    await db.query(
      `INSERT INTO processed_message (consumer, message_id, event_type, processed_at)
       SELECT 'test.events', gen_random_uuid(), 'order.placed', now() - CASE WHEN i <= $1::int THEN interval '25 hours' ELSE interval '1 hour' END
       FROM generate_series(1, $1::int + $2::int) AS i`, [old, recent]);
    await db.query(
      `INSERT INTO idempotency_key (scope, key, request_hash, response, created_at)
       SELECT 'orders.place:x', $3::text || i, 'h', '{}', now() - CASE WHEN i <= $1::int THEN interval '25 hours' ELSE interval '1 hour' END
       FROM generate_series(1, $1::int + $2::int) AS i`, [old, recent, randomUUID()]);
  };
  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('deletes what is older than its retention, in batches, and keeps the rest', async () => {
    await seed(1050, 40);
    expect(await purgeExpired(db, rules, 100)).toEqual({ processed_message: 1050, idempotency_key: 1050 });
    expect(await count('processed_message')).toBe(40);
    expect(await count('idempotency_key')).toBe(40);
    expect(await purgeExpired(db, rules, 100)).toEqual({ processed_message: 0, idempotency_key: 0 });
    // the index that finds them, built concurrently by its migration
    expect(await db.query(`SELECT indexname FROM pg_indexes WHERE indexname = 'processed_message_processed_at'`)).toHaveLength(1);
  });

  it('lets one instance at a time delete, and between them they delete each row once', async () => {
    await db.query('TRUNCATE processed_message, idempotency_key');
    await seed(3000, 10);
    const runs = await Promise.all([1, 2, 3, 4].map(() => purgeExpired(db, rules, 200)));
    const total = (table: string) => runs.reduce((sum, run) => sum + (run[table] ?? 0), 0);
    // a run that finds the lock taken stops; whatever is left goes at the next interval
    runs.push(await purgeExpired(db, rules, 200));
    expect(await count('processed_message')).toBe(10);
    expect(await count('idempotency_key')).toBe(10);
    expect([total('processed_message'), total('idempotency_key')]).toEqual([3000, 3000]);
  });
});
