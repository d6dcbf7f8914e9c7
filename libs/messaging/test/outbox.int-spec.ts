import { connect } from 'amqplib';
import { DataSource, EntityManager } from 'typeorm';
import { EVENTS_EXCHANGE, EventEnvelope } from '@oms/contracts';
import { openDatabase } from '@oms/persistence';
import { createLogger, runInContext } from '@oms/platform';
import { afterTransaction, AmqpClient, commitThenRelay, CreateMessagingTables1732200000000, declareEventExchanges, enqueueEvents, OutboxRelay } from '../src';
import { createVhost, deleteVhost, dropDatabases, newTestId, POSTGRES_URL, waitFor } from '../../../test/support/infra';

describe('transactional outbox and relay', () => {
  const id = newTestId();
  const logger = createLogger('outbox-test', 'silent');
  let amqpUrl: string;
  let dataSource: DataSource;
  let amqp: AmqpClient;
  let relay: OutboxRelay;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    amqpUrl = await createVhost(id);
    dataSource = await openDatabase({
      url: `${POSTGRES_URL}/${id}_outbox`, poolSize: 4, entities: [], migrations: [CreateMessagingTables1732200000000], applicationName: 'outbox-test',
    });
    // a plain subscriber that records everything published
    const connection = await connect(amqpUrl);
    const channel = await connection.createChannel();
    await declareEventExchanges(channel);
    await channel.assertQueue('observer', { exclusive: true });
    await channel.bindQueue('observer', EVENTS_EXCHANGE, 'test.#');
    await channel.consume('observer', (message) => message && received.push(JSON.parse(message.content.toString())), { noAck: true });
    amqp = new AmqpClient(amqpUrl, logger, 'outbox-test');
    relay = new OutboxRelay(dataSource, amqp, logger, { batchSize: 50, pollIntervalMs: 50, retentionHours: 1 });
  });

  afterAll(async () => {
    await relay.stop();
    await amqp.close();
    await dataSource.destroy();
    await dropDatabases(`${id}_`);
    await deleteVhost(id);
  });

  const unpublished = async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox_message WHERE published_at IS NULL'))[0].n);
  const event = (key: string) => ({ type: 'test.outbox', aggregateId: key, aggregateVersion: 1, payload: { key } });

  it('leaves no outbox row when the business transaction rolls back', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await enqueueEvents(manager, [event('rolled-back')]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(Number((await dataSource.query('SELECT count(*) AS n FROM outbox_message'))[0].n)).toBe(0);
  });

  it('keeps committed events while the broker is unreachable and publishes every one once it is back', async () => {
    relay.start(); // the client has not connected yet: as good as a broker that is down
    await runInContext({ correlationId: 'corr-outbox', causationId: 'cause-1' }, () =>
      dataSource.transaction((manager) => enqueueEvents(manager, Array.from({ length: 120 }, (_, i) => event(`e${i}`)))),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await unpublished()).toBe(120);
    expect(received).toHaveLength(0);

    amqp.start();
    await waitFor(async () => received.length === 120, 10_000, 'all 120 events');
    expect(await unpublished()).toBe(0);
    expect(new Set(received.map((e) => e.payload && (e.payload as { key: string }).key)).size).toBe(120);
    expect(received[0]).toMatchObject({ type: 'test.outbox', version: 1, correlationId: 'corr-outbox', causationId: 'cause-1', aggregateVersion: 1 });
  });

  it('publishes what a transaction of its own committed at once, without reading it back or waiting for a poll', async () => {
    received.length = 0;
    const idle = new OutboxRelay(dataSource, amqp, logger, { batchSize: 50, pollIntervalMs: 60_000, retentionHours: 1, sweepAfterMs: 60_000 });
    const started = Date.now();
    await commitThenRelay(dataSource, idle, (manager) => enqueueEvents(manager, [event('prompt-1'), event('prompt-2')]));
    await waitFor(async () => received.length === 2 && (await unpublished()) === 0, 2_000, 'both events, marked published');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(received.map((e) => (e.payload as { key: string }).key)).toEqual(['prompt-1', 'prompt-2']);
    await idle.stop();
  });

  it('marks the batches confirmed close together published in one statement, and what is confirmed when it stops at once', async () => {
    received.length = 0;
    const marking = new OutboxRelay(dataSource, amqp, logger, { batchSize: 50, pollIntervalMs: 60_000, retentionHours: 1, sweepAfterMs: 60_000 });
    for (let i = 0; i < 20; i++) {
      await commitThenRelay(dataSource, marking, (manager) => enqueueEvents(manager, [event(`mark-${i}`)]));
      // each is received (so confirmed) before the next commits: twenty batches of one, a few ms apart
      for (const deadline = Date.now() + 2_000; received.length <= i && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 2));
    }
    const marks = () => dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unmarked, count(DISTINCT published_at)::int AS updates
       FROM outbox_message WHERE envelope->'payload'->>'key' LIKE 'mark-%'`,
    ).then(([row]: { unmarked: number; updates: number }[]) => row);
    await waitFor(async () => (await marks()).unmarked === 0, 2_000, 'all twenty marked published');
    // one UPDATE stamps its rows with its own now(): a statement per batch would be twenty
    expect((await marks()).updates).toBeLessThanOrEqual(5);
    await commitThenRelay(dataSource, marking, (manager) => enqueueEvents(manager, [event('mark-last')]));
    await waitFor(async () => received.length === 21, 2_000, 'the last event published');
    await marking.stop();
    expect((await marks()).unmarked).toBe(0);
  });

  it('publishes each committed event once while its own sweep polls all the time', async () => {
    received.length = 0;
    // it sweeps every few ms and takes rows at any age: only what it holds in hand keeps the two paths apart
    const eager = new OutboxRelay(dataSource, amqp, logger, { batchSize: 10, pollIntervalMs: 5, retentionHours: 1, sweepAfterMs: 0 });
    eager.start();
    for (let i = 0; i < 20; i++) {
      await commitThenRelay(dataSource, eager, (manager) => enqueueEvents(manager, Array.from({ length: 10 }, (_, j) => event(`p${i}-${j}`))));
      // a row no relay was handed (as after a crash between commit and publish): the sweep's
      await dataSource.transaction((manager) => enqueueEvents(manager, [event(`left-${i}`)]));
    }
    await waitFor(async () => received.length >= 220 && (await unpublished()) === 0, 10_000, 'all 220');
    await eager.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(220);
    expect(new Set(received.map((e) => (e.payload as { key: string }).key)).size).toBe(220);
  });

  it('leaves to its forwarding a held row that its sweep query saw committed although the query was sent before the hold', async () => {
    // the race the spec above can lose on a busy box, made certain: the row's transaction begins first; the
    // sweep's then begins and builds its query (the row not held yet), which waits until the row is committed
    // and its publish is under way
    const published: string[] = [];
    const signal = () => {
      let fire = () => undefined as void;
      const fired = new Promise<void>((resolve) => (fire = resolve));
      return { fire, fired };
    };
    const [rowTransactionBegun, sweepBuilt, sweepMayRun, sweepAnswered, confirms] = [signal(), signal(), signal(), signal(), signal()];
    const broker = {
      isConnected: true,
      confirmChannel: () => ({ publish: (_e: string, _k: string, body: Buffer) => published.push(JSON.parse(body.toString()).payload.key), waitForConfirms: () => confirms.fired }),
    } as unknown as AmqpClient;
    const gated = Object.assign(Object.create(dataSource) as DataSource, {
      transaction: async (work: (manager: EntityManager) => Promise<unknown>) => {
        await rowTransactionBegun.fired;
        return dataSource.transaction(async (manager) => {
          const client = (await manager.queryRunner!.connect()) as { query: (statement: { text: string }) => Promise<unknown> };
          const query = client.query;
          client.query = async (statement) => {
            if (!statement.text?.includes('SKIP LOCKED')) return query.call(client, statement);
            sweepBuilt.fire();
            await sweepMayRun.fired;
            return query.call(client, statement).finally(sweepAnswered.fire);
          };
          try {
            return await work(manager);
          } finally {
            client.query = query;
          }
        });
      },
    });
    const racing = new OutboxRelay(gated, broker, logger, { batchSize: 10, pollIntervalMs: 60_000, retentionHours: 1, sweepAfterMs: 0 });
    racing.start();
    await commitThenRelay(dataSource, racing, async (manager) => {
      await manager.query('SELECT 1');
      rowTransactionBegun.fire();
      await sweepBuilt.fired;
      await enqueueEvents(manager, [event('raced')]);
    });
    sweepMayRun.fire();
    await sweepAnswered.fired;
    confirms.fire();
    await waitFor(async () => (await unpublished()) === 0, 5_000, 'the raced row marked published');
    await racing.stop();
    expect(published).toEqual(['raced']);
  });

  it('lets two relays sweep the rows left behind without publishing one twice', async () => {
    received.length = 0;
    const options = { batchSize: 10, pollIntervalMs: 5, retentionHours: 1, sweepAfterMs: 0 };
    const [first, second] = [new OutboxRelay(dataSource, amqp, logger, options), new OutboxRelay(dataSource, amqp, logger, options)];
    await dataSource.transaction((manager) => enqueueEvents(manager, Array.from({ length: 200 }, (_, i) => event(`shared-${i}`))));
    first.start();
    second.start();
    await waitFor(async () => received.length >= 200 && (await unpublished()) === 0, 10_000, 'all 200');
    await Promise.all([first.stop(), second.stop()]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(200);
  });

  it('leaves what a failed publish held for its own sweep, which publishes it once it is old enough', async () => {
    received.length = 0;
    const later = new AmqpClient(amqpUrl, logger, 'outbox-later'); // not connected yet: the publish fails
    const relayOfLater = new OutboxRelay(dataSource, later, logger, { batchSize: 50, pollIntervalMs: 20, retentionHours: 1, sweepAfterMs: 1_000 });
    await commitThenRelay(dataSource, relayOfLater, (manager) => enqueueEvents(manager, [event('after-outage')]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await unpublished()).toBe(1);
    later.start();
    relayOfLater.start();
    await later.waitUntilConnected(5_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(received).toHaveLength(0); // younger than sweepAfterMs: it may be in another instance's hands
    await waitFor(async () => received.length === 1 && (await unpublished()) === 0, 5_000, 'the event left behind');
    await relayOfLater.stop();
    await later.close();
  });

  it('keeps at most 20 batches in hand while the broker does not confirm; the rest wait in the table for the sweep', async () => {
    // a broker that accepts and withholds its confirms until told (a real one cannot be made to, per test)
    let flowing = false;
    let resume = () => undefined as void;
    const stalled = {
      isConnected: true,
      confirmChannel: () => ({ publish: () => true, waitForConfirms: () => (flowing ? Promise.resolve() : new Promise<void>((resolve) => (resume = resolve))) }),
    } as unknown as AmqpClient;
    const slow = new OutboxRelay(dataSource, stalled, logger, { batchSize: 2, pollIntervalMs: 60_000, retentionHours: 1, confirmTimeoutMs: 60_000 });
    const keys = Array.from({ length: 50 }, (_, i) => `stalled-${i}`);
    for (const key of keys) await commitThenRelay(dataSource, slow, (manager) => enqueueEvents(manager, [event(key)]));
    flowing = true;
    resume();
    await waitFor(async () => (await unpublished()) <= 9, 1_500, 'the rows in hand published');
    // in hand: the first row (its batch was being confirmed) and 20 batches of 2 behind it; the last 9 were let go
    const left = await dataSource.query(`SELECT envelope->'payload'->>'key' AS key FROM outbox_message WHERE published_at IS NULL ORDER BY seq`);
    expect(left.map((row: { key: string }) => row.key)).toEqual(keys.slice(41));
    await slow.stop();
  });

  describe('commitThenRelay', () => {
    /** What commitThenRelay told the relay, in order. */
    const told: [string, string[]][] = [];
    const keys = (messages: { body: string }[]) => messages.map((m) => JSON.parse(m.body).payload.key as string);
    const relaySpy = {
      hold: (messages: { body: string }[]) => void told.push(['hold', keys(messages)]),
      committed: (messages: { body: string }[]) => void told.push(['committed', keys(messages)]),
      release: (messages: { body: string }[]) => void told.push(['release', keys(messages)]),
    };
    const rows = () => dataSource.query(`SELECT envelope->'payload'->>'key' AS key FROM outbox_message WHERE envelope->'payload'->>'key' LIKE 'ctr-%' ORDER BY seq`);
    beforeEach(() => { told.length = 0; });

    it('writes the events of the whole transaction in one statement before it commits, in the order enqueued, and hands them to the relay once', async () => {
      const seenMidway = await commitThenRelay(dataSource, relaySpy, async (manager) => {
        await enqueueEvents(manager, [event('ctr-1'), event('ctr-2')]);
        await enqueueEvents(manager, [event('ctr-3')]);
        // not yet in the table: they are written together when the work is done
        return Number((await manager.query(`SELECT count(*) AS n FROM outbox_message WHERE envelope->'payload'->>'key' LIKE 'ctr-%'`))[0].n);
      });
      expect(seenMidway).toBe(0);
      expect((await rows()).map((row: { key: string }) => row.key)).toEqual(['ctr-1', 'ctr-2', 'ctr-3']);
      // held before the commit, out of the sweep's way; handed over after it
      expect(told).toEqual([['hold', ['ctr-1', 'ctr-2', 'ctr-3']], ['committed', ['ctr-1', 'ctr-2', 'ctr-3']]]);
    });

    it('writes nothing and hands nothing over when the work fails after enqueueing', async () => {
      await expect(commitThenRelay(dataSource, relaySpy, async (manager) => {
        await enqueueEvents(manager, [event('ctr-failed')]);
        throw new Error('business rule failed');
      })).rejects.toThrow('business rule failed');
      expect((await rows()).map((row: { key: string }) => row.key)).not.toContain('ctr-failed');
      expect(told.filter(([what]) => what !== 'release')).toEqual([]);
    });

    it('hands nothing to the relay after a transaction that enqueued no events', async () => {
      await commitThenRelay(dataSource, relaySpy, (manager) => manager.query('SELECT 1'));
      expect(told.filter(([what]) => what === 'committed')).toEqual([]);
    });

    it('calls what afterTransaction registered once the transaction ended, after the relay heard of it: true when it committed, false when it rolled back', async () => {
      const ended: boolean[] = [];
      let toldWhenEnded: string[] = [];
      await commitThenRelay(dataSource, relaySpy, async (manager) => {
        await enqueueEvents(manager, [event('ctr-hooked')]);
        expect(afterTransaction(manager, (committed) => {
          ended.push(committed);
          toldWhenEnded = told.map(([what]) => what);
        })).toBe(true);
        expect(ended).toEqual([]);
      });
      expect(ended).toEqual([true]);
      expect(toldWhenEnded).toEqual(['hold', 'committed']);
      expect((await rows()).map((row: { key: string }) => row.key)).toContain('ctr-hooked');
      await expect(commitThenRelay(dataSource, relaySpy, async (manager) => {
        afterTransaction(manager, (committed) => void ended.push(committed));
        throw new Error('business rule failed');
      })).rejects.toThrow('business rule failed');
      expect(ended).toEqual([true, false]);
    });

    it('answers false to afterTransaction in a transaction commitThenRelay does not run: nothing would call the hook', async () => {
      await dataSource.transaction(async (manager) => expect(afterTransaction(manager, () => undefined)).toBe(false));
    });
  });
});
