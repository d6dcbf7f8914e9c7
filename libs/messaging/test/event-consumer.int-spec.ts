import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connect } from 'amqplib';
import { Client } from 'pg';
import { EVENTS_EXCHANGE } from '@oms/contracts';
import { createVhost, deleteVhost, dropDatabases, listQueue, newTestId, POSTGRES_URL, waitFor } from '../../../test/support/infra';

const fixture = resolve(__dirname, '../../../dist/test/fixtures/crash-consumer.js');

/** Runs the crash-consumer fixture and resolves once it consumes. */
function startConsumer(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [fixture], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('READY')) resolvePromise(child);
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code} before it was ready: ${output.slice(-2000)}`)));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));

describe('event consumer: inbox, acks after commit, retries and the DLQ', () => {
  const id = newTestId();
  const databaseUrl = `${POSTGRES_URL}/${id}_fixture`;
  const marker = join('/tmp', `${id}-marker`);
  let amqpUrl: string;
  let db: Client;
  let running: ChildProcess | undefined;

  const env = (extra: Record<string, string> = {}) => ({ AMQP_URL: amqpUrl, DATABASE_URL: databaseUrl, MARKER: marker, LOG_LEVEL: 'warn', ...extra });

  async function publishRaw(bodies: string[]) {
    const connection = await connect(amqpUrl);
    const channel = await connection.createConfirmChannel();
    for (const body of bodies) channel.publish(EVENTS_EXCHANGE, 'test.happened', Buffer.from(body), { persistent: true });
    await channel.waitForConfirms();
    await connection.close();
  }

  const publish = (messages: { key?: string; fail?: boolean; id?: string; owner?: string }[]) =>
    publishRaw(messages.map(({ id: messageId = randomUUID(), ...payload }) => JSON.stringify({
      id: messageId, type: 'test.happened', version: 1, occurredAt: new Date().toISOString(), correlationId: 'c-1',
      causationId: null, aggregateId: 'a-1', aggregateVersion: 1, payload,
    })));

  const appliedCounts = async () => {
    const { rows } = await db.query('SELECT key, count(*)::int AS n FROM applied GROUP BY key ORDER BY key');
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  };

  beforeAll(async () => {
    amqpUrl = await createVhost(id);
  });
  beforeEach(() => rmSync(marker, { force: true }));
  afterEach(async () => {
    running?.kill('SIGKILL');
    if (running) await exited(running);
    running = undefined;
    await db?.end();
    await dropDatabases(`${id}_`);
  });
  afterAll(() => deleteVhost(id));

  async function startFresh(extra: Record<string, string> = {}) {
    running = await startConsumer(env(extra));
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }

  it('applies an event exactly once when killed after its commit but before its ack', async () => {
    await startFresh({ CRASH: 'after-commit', CRASH_KEY: 'k3' });
    const crashed = running!;
    await publish(['k1', 'k2', 'k3', 'k4', 'k5'].map((key) => ({ key })));
    await exited(crashed);
    expect(crashed.signalCode).toBe('SIGKILL');
    expect((await appliedCounts()).k3).toBe(1); // committed before the crash

    running = await startConsumer(env());
    await waitFor(async () => Object.keys(await appliedCounts()).length === 5, 20_000, 'all five applied');
    await waitFor(async () => (await listQueue(id, 'fixture.events')) === 0, 10_000, 'the queue to drain');
    expect(await appliedCounts()).toEqual({ k1: 1, k2: 1, k3: 1, k4: 1, k5: 1 });
    const { rows } = await db.query('SELECT count(*)::int AS n FROM processed_message');
    expect(rows[0].n).toBe(5);
  });

  it('applies an event exactly once after a restart when killed before its commit', async () => {
    await startFresh({ CRASH: 'before-commit', CRASH_KEY: 'k2' });
    const crashed = running!;
    await publish(['k1', 'k2', 'k3'].map((key) => ({ key })));
    await exited(crashed);
    expect(crashed.signalCode).toBe('SIGKILL');
    expect((await appliedCounts()).k2).toBeUndefined(); // rolled back with the process

    running = await startConsumer(env());
    await waitFor(async () => Object.keys(await appliedCounts()).length === 3, 20_000, 'all three applied');
    await waitFor(async () => (await listQueue(id, 'fixture.events')) === 0, 10_000, 'the queue to drain');
    expect(await appliedCounts()).toEqual({ k1: 1, k2: 1, k3: 1 });
  });

  it('skips a redelivered duplicate (same message id)', async () => {
    await startFresh();
    const messageId = randomUUID();
    await publish([{ key: 'dup', id: messageId }, { key: 'dup', id: messageId }, { key: 'other' }]);
    await waitFor(async () => (await appliedCounts()).other === 1, 10_000, 'the message behind');
    await waitFor(async () => (await listQueue(id, 'fixture.events')) === 0, 10_000, 'the queue to drain');
    expect(await appliedCounts()).toEqual({ dup: 1, other: 1 });
  });

  it('sends a poison message to the DLQ after its retries, lets its handler settle it once, and keeps processing those behind it', async () => {
    await startFresh();
    await publish([{ key: 'poison', fail: true }, ...['a', 'b', 'c'].map((key) => ({ key }))]);
    await publishRaw(['{ not json']);
    await publish([{ fail: false }]); // no key: an invalid payload
    // an envelope whose id is no uuid, with a __proto__ key that must not change what is validated
    const badEnvelope = JSON.stringify({ id: 'not-a-uuid', type: 'test.happened', version: 1, occurredAt: new Date().toISOString(), correlationId: 'c-1',
      causationId: null, aggregateId: 'a-1', aggregateVersion: 1, payload: { key: 'x' } });
    await publishRaw([`{"__proto__":{"id":"${randomUUID()}"},${badEnvelope.slice(1)}`]);
    await waitFor(async () => (await listQueue(id, 'fixture.events.dlq')) === 4, 20_000, 'four dead letters');
    // the handler settled the poison event (in its own transaction) before it went to the DLQ
    expect(await appliedCounts()).toEqual({ a: 1, b: 1, c: 1, 'given-up:poison:poison poison': 1 });
    expect(await listQueue(id, 'fixture.events')).toBe(0);

    const connection = await connect(amqpUrl);
    const channel = await connection.createChannel();
    const reasons: string[] = [];
    for (let message = await channel.get('fixture.events.dlq'); message; message = await channel.get('fixture.events.dlq')) {
      reasons.push(`${message.properties.headers?.['x-attempt']}: ${message.properties.headers?.['x-dead-letter-reason']}`);
    }
    await connection.close();
    expect(reasons.sort()).toEqual([
      '1: body is not JSON',
      '1: invalid envelope: id id must be a UUID',
      '1: invalid payload: key key must be a string',
      '3: poison poison',
    ]);
  });

  it('applies events that wait together in one transaction per batch (at most the batch size), each once', async () => {
    await startFresh({ BATCH_SIZE: '4' });
    await publish(Array.from({ length: 40 }, (_, i) => ({ key: `b${i}` })));
    await waitFor(async () => Object.keys(await appliedCounts()).length === 40, 20_000, 'all forty');
    expect(Object.values(await appliedCounts()).every((n) => n === 1)).toBe(true);
    // now() is the transaction's start: the events of one transaction share their processed_at
    const { rows } = await db.query('SELECT count(*)::int AS events FROM processed_message GROUP BY processed_at');
    expect(rows.reduce((sum, row) => sum + row.events, 0)).toBe(40);
    expect(rows.length).toBeLessThan(40);
    expect(Math.max(...rows.map((row) => row.events))).toBeLessThanOrEqual(4);
  });

  it('hands events of different keys to a handler that applies many at once, keeps the order of one key, and isolates a poison event', async () => {
    // one batch at a time: two at once could commit the events of one key out of order (as they can without handleMany)
    await startFresh({ MANY: '1', BATCH_SIZE: '16', BATCH_CONCURRENCY: '1' });
    const owners = ['o1', 'o2', 'o3', 'o4', 'o5'];
    const messages = Array.from({ length: 60 }, (_, i) => ({ key: `m${String(i).padStart(2, '0')}`, owner: owners[i % owners.length], fail: i === 33 ? true : undefined }));
    await publish(messages);
    await waitFor(async () => Object.keys(await appliedCounts()).length === 60, 20_000, 'all sixty, the poison given up');
    await waitFor(async () => (await listQueue(id, 'fixture.events')) === 0, 10_000, 'the queue to drain');
    const counts = await appliedCounts();
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
    expect(counts['given-up:m33:poison m33']).toBe(1);
    // the events of one owner were applied in the order they were published
    const { rows } = await db.query("SELECT key FROM applied WHERE key NOT LIKE 'given-up:%' ORDER BY seq");
    for (const owner of owners) {
      const published = messages.filter((m) => m.owner === owner && !m.fail).map((m) => m.key);
      expect(rows.map((row) => row.key).filter((key) => published.includes(key))).toEqual(published);
    }
    // some went together (a failed call leaves no row: it rolled back)
    const together = await db.query('SELECT size FROM applied_together');
    expect(together.rows.some((row) => row.size > 1)).toBe(true);
    expect(together.rows.every((row) => row.size <= owners.length)).toBe(true);
  });

  it('drains in-flight work on SIGTERM and exits cleanly', async () => {
    await startFresh();
    await publish(Array.from({ length: 50 }, (_, i) => ({ key: `g${i}` })));
    await waitFor(async () => Object.keys(await appliedCounts()).length > 0, 10_000, 'the first event');
    running!.kill('SIGTERM');
    await exited(running!);
    expect(running!.exitCode).toBe(0);
    running = await startConsumer(env());
    await waitFor(async () => Object.keys(await appliedCounts()).length === 50, 20_000, 'all fifty');
    expect(Object.values(await appliedCounts()).every((n) => n === 1)).toBe(true);
  });
});
