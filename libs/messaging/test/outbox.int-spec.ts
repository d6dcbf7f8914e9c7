import { connect } from 'amqplib';
import { DataSource } from 'typeorm';
import { EVENTS_EXCHANGE, EventEnvelope } from '@oms/contracts';
import { openDatabase } from '@oms/persistence';
import { createLogger, runInContext } from '@oms/platform';
import { AmqpClient, commitThenRelay, CreateMessagingTables1732200000000, declareEventExchanges, enqueueEvents, OutboxRelay } from '../src';
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

  it('publishes a committed event promptly when woken', async () => {
    received.length = 0;
    await dataSource.transaction((manager) => enqueueEvents(manager, [event('prompt')]));
    relay.wake();
    await waitFor(async () => received.length === 1, 2_000, 'the event');
  });

  it('lets two relays share the outbox without publishing a row twice', async () => {
    received.length = 0;
    const second = new OutboxRelay(dataSource, amqp, logger, { batchSize: 10, pollIntervalMs: 20, retentionHours: 1 });
    second.start();
    for (let i = 0; i < 20; i++) {
      await dataSource.transaction((manager) => enqueueEvents(manager, Array.from({ length: 10 }, (_, j) => event(`p${i}-${j}`))));
      relay.wake();
      second.wake();
    }
    await waitFor(async () => received.length >= 200 && (await unpublished()) === 0, 10_000, 'all 200');
    await second.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(200);
  });

  describe('commitThenRelay', () => {
    const relayWakes = { count: 0, wake() { this.count++; } };
    const rows = () => dataSource.query(`SELECT envelope->'payload'->>'key' AS key FROM outbox_message WHERE envelope->'payload'->>'key' LIKE 'ctr-%' ORDER BY seq`);
    beforeEach(() => { relayWakes.count = 0; });

    it('writes the events of the whole transaction in one statement before it commits, in the order enqueued, and wakes the relay once', async () => {
      const seenMidway = await commitThenRelay(dataSource, relayWakes, async (manager) => {
        await enqueueEvents(manager, [event('ctr-1'), event('ctr-2')]);
        await enqueueEvents(manager, [event('ctr-3')]);
        // not yet in the table: they are written together when the work is done
        return Number((await manager.query(`SELECT count(*) AS n FROM outbox_message WHERE envelope->'payload'->>'key' LIKE 'ctr-%'`))[0].n);
      });
      expect(seenMidway).toBe(0);
      expect((await rows()).map((row: { key: string }) => row.key)).toEqual(['ctr-1', 'ctr-2', 'ctr-3']);
      expect(relayWakes.count).toBe(1);
    });

    it('writes nothing and wakes nobody when the work fails after enqueueing', async () => {
      await expect(commitThenRelay(dataSource, relayWakes, async (manager) => {
        await enqueueEvents(manager, [event('ctr-failed')]);
        throw new Error('business rule failed');
      })).rejects.toThrow('business rule failed');
      expect((await rows()).map((row: { key: string }) => row.key)).not.toContain('ctr-failed');
      expect(relayWakes.count).toBe(0);
    });

    it('does not wake the relay after a transaction that enqueued no events', async () => {
      await commitThenRelay(dataSource, relayWakes, (manager) => manager.query('SELECT 1'));
      expect(relayWakes.count).toBe(0);
    });
  });
});
