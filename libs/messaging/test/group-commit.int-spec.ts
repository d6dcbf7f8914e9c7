import { DataSource, EntityManager } from 'typeorm';
import { openDatabase } from '@oms/persistence';
import { AppError, runInContext } from '@oms/platform';
import { commitThenRelay, CreateMessagingTables1732200000000, enqueueEvents, GroupCommit } from '../src';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';

describe('group commit', () => {
  const id = newTestId();
  let dataSource: DataSource;
  let transactions = 0;
  const relay = { hold: () => undefined, committed: () => undefined, release: () => undefined };

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: `${POSTGRES_URL}/${id}_group`, poolSize: 4, entities: [], migrations: [CreateMessagingTables1732200000000], applicationName: 'group-commit-test',
    });
    await dataSource.query('CREATE TABLE placed (key text PRIMARY KEY)');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabases(`${id}_`);
  });

  beforeEach(async () => {
    transactions = 0;
    await dataSource.query('TRUNCATE placed, outbox_message');
  });

  const groups = (maxSize: number, concurrency = 1) =>
    new GroupCommit((work) => {
      transactions++;
      return commitThenRelay(dataSource, relay, work);
    }, { maxSize, concurrency });

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  /** A unit like placing an order: one row and one event. */
  const place = (key: string, before?: () => Promise<void>) => async (manager: EntityManager) => {
    await before?.();
    await manager.query('INSERT INTO placed (key) VALUES ($1)', [key]);
    await enqueueEvents(manager, [{ type: 'test.placed', aggregateId: key, aggregateVersion: 1, payload: { key } }]);
    return key;
  };
  const stored = async () => (await dataSource.query('SELECT key FROM placed ORDER BY key')).map((row: { key: string }) => row.key);
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${String(i).padStart(2, '0')}`);

  it('commits the units that wait meanwhile in shared transactions, each caller answered with its own result and correlation', async () => {
    const commit = groups(16, 2);
    const results = await Promise.all(keys(40).map((key) => runInContext({ correlationId: `corr-${key}` }, () => commit.run(place(key)))));

    expect(results).toEqual(keys(40));
    expect(await stored()).toEqual(keys(40));
    // two start alone; the 38 that waited share at most 16 to a transaction
    expect(transactions).toBeLessThanOrEqual(2 + Math.ceil(38 / 16));
    const events = await dataSource.query("SELECT envelope->'payload'->>'key' AS key, envelope->>'correlationId' AS correlation_id FROM outbox_message");
    expect(events).toHaveLength(40);
    for (const event of events) expect(event.correlation_id).toBe(`corr-${event.key}`);
  });

  it('gives a failing unit its own error and commits the rest of its group without it', async () => {
    const commit = groups(16);
    const first = commit.run(place('first', () => sleep(50)));
    const outcomes = await Promise.allSettled([
      commit.run(place('a')),
      commit.run(async (manager) => {
        await place('refused')(manager);
        throw AppError.unprocessable('not this one', 'test.refused');
      }),
      commit.run(place('b')),
    ]);
    await first;

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ status: 422, message: 'not this one' });
    expect(await stored()).toEqual(['a', 'b', 'first']);
    expect(Number((await dataSource.query('SELECT count(*) AS n FROM outbox_message'))[0].n)).toBe(3);
  });

  it('runs a unit whose statement broke the shared transaction alone, after the others committed', async () => {
    await dataSource.query("INSERT INTO placed (key) VALUES ('taken')");
    const commit = groups(16);
    const first = commit.run(place('first', () => sleep(50)));
    const outcomes = await Promise.allSettled([commit.run(place('a')), commit.run(place('taken')), commit.run(place('b'))]);
    await first;

    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' }); // unique_violation, as alone
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2);
    expect(await stored()).toEqual(['a', 'b', 'first', 'taken']);
  });

  it('answers a 504 to a unit whose caller stopped waiting before the commit, and commits nothing of it', async () => {
    const commit = groups(16);
    const first = commit.run(place('first', () => sleep(50)));
    const late = runInContext({ correlationId: 'late', deadline: Date.now() + 20 }, () => commit.run(place('late')));
    const onTime = runInContext({ correlationId: 'on-time', deadline: Date.now() + 10_000 }, () => commit.run(place('on-time')));

    await expect(late).rejects.toMatchObject({ status: 504 });
    await expect(onTime).resolves.toBe('on-time');
    await first;
    expect(await stored()).toEqual(['first', 'on-time']);
  });

  it('runs each unit of a group in which many fail at most three times, and answers each with its own error', async () => {
    const commit = groups(16);
    const runs = new Map<string, number>();
    const refused = (key: string) => async (manager: EntityManager) => {
      runs.set(key, (runs.get(key) ?? 0) + 1);
      if (key.startsWith('bad')) throw AppError.unprocessable(`refused ${key}`, 'test.refused');
      return place(key)(manager);
    };
    const first = commit.run(place('first', () => sleep(50)));
    const all = ['bad-1', 'ok-1', 'bad-2', 'bad-3', 'ok-2', 'bad-4'];
    const outcomes = await Promise.allSettled(all.map((key) => commit.run(refused(key))));
    await first;

    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message)))
      .toEqual(['refused bad-1', 'ok-1', 'refused bad-2', 'refused bad-3', 'ok-2', 'refused bad-4']);
    expect(Math.max(...runs.values())).toBeLessThanOrEqual(3);
    expect(await stored()).toEqual(['first', 'ok-1', 'ok-2']);
  });

  it('does not run again the units of a transaction whose commit failed for none of them (it may have committed)', async () => {
    let runs = 0;
    let failCommit = false;
    const commit = new GroupCommit(async (work) => {
      const result = await commitThenRelay(dataSource, relay, work);
      if (failCommit) throw new Error('connection lost at COMMIT');
      return result;
    }, { maxSize: 16, concurrency: 1 });
    const first = commit.run(place('first', () => sleep(50))).catch(() => undefined);
    failCommit = true;
    const outcomes = await Promise.allSettled(['a', 'b'].map((key) => commit.run(place(key, async () => void runs++))));
    await first;

    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason?.message)).toEqual(['connection lost at COMMIT', 'connection lost at COMMIT']);
    expect(runs).toBe(2);
  });

  it('lets the second unit with one idempotency key in a group see the first one’s row, as in arrival order', async () => {
    await dataSource.query('CREATE TABLE IF NOT EXISTS once (key text PRIMARY KEY, result text)');
    await dataSource.query('TRUNCATE once');
    const commit = groups(16);
    const placeOnce = (key: string, result: string) => async (manager: EntityManager) => {
      const [claimed] = await manager.query('INSERT INTO once (key, result) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING result', [key, result]);
      return claimed ? claimed.result : (await manager.query('SELECT result FROM once WHERE key = $1', [key]))[0].result;
    };
    const first = commit.run(place('first', () => sleep(50)));
    const answers = await Promise.all([commit.run(placeOnce('key-1', 'one')), commit.run(placeOnce('key-1', 'two'))]);
    await first;

    expect(answers).toEqual(['one', 'one']);
    expect(transactions).toBe(2);
  });
});
