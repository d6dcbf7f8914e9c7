import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { createVhost, deleteVhost, dropDatabases, freePort, newTestId, POSTGRES_URL, waitFor } from '../support/infra';

const root = resolve(__dirname, '../..');

/**
 * Four instances of the order service started at once on an empty database: one migrates under the
 * advisory lock, the others wait and find nothing to do; all four come up and each migration ran once.
 */
describe('migrations when instances start together', () => {
  const id = newTestId();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await deleteVhost(id);
    await dropDatabases(`${id}_`);
  });

  it('run once, whichever instance runs them, while the others wait', async () => {
    const amqpUrl = await createVhost(id);
    const ports = await Promise.all([1, 2, 3, 4].map(() => freePort()));
    const logs = ports.map(() => [] as string[]);
    ports.forEach((port, i) => {
      const child = spawn(process.execPath, [resolve(root, 'dist/apps/order-service/src/main.js')], {
        env: { ...process.env, PORT: String(port), AMQP_URL: amqpUrl, POSTGRES_URL, DATABASE_NAME: `${id}_order`, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk: Buffer) => logs[i].push(chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => logs[i].push(chunk.toString()));
      children.push(child);
    });
    await waitFor(async () => {
      const dead = children.findIndex((child) => child.exitCode !== null);
      if (dead >= 0) throw new Error(`instance ${dead + 1} exited: ${logs[dead].join('').slice(-2000)}`);
      const ready = await Promise.all(ports.map((port) => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)));
      return ready.every(Boolean);
    }, 60_000, 'all four instances to be ready');

    const db = new Client({ connectionString: `${POSTGRES_URL}/${id}_order` });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT name, count(*)::int AS runs FROM migrations GROUP BY name ORDER BY name');
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.filter((row) => row.runs !== 1)).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
