import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createVhost, deleteVhost, dropDatabases, newTestId, waitFor } from '../support/infra';

const root = resolve(__dirname, '../..');

/** The shell blocks of the README's quick start, in order. */
function quickStartBlocks(readme: string): string[] {
  const section = readme.split(/^## Quick start$/m)[1].split(/^## /m)[0];
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolvePromise) => {
    const server = createServer().once('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });

/**
 * A new user's first run: a fresh clone of the committed tree, `npm start` as the README says (it installs
 * and builds by itself), then the README's commands word for word, each of which must succeed, and the
 * outcome they promise. Only databases and vhost are the test's own (DATABASE_PREFIX, AMQP_URL); the ports
 * are the README's, so they must be free.
 */
describe('the README quick start', () => {
  const id = newTestId();
  const clone = mkdtempSync(join(tmpdir(), 'oms-readme-'));
  let start: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (start?.exitCode === null) {
      const exited = new Promise((r) => start!.once('exit', r));
      process.kill(-start.pid!, 'SIGINT');
      await exited;
    }
    await dropDatabases(`${id}_`);
    await deleteVhost(id);
    rmSync(clone, { recursive: true, force: true });
  });

  it('starts the system and runs the documented commands, with the outcome they promise', async () => {
    for (const port of [3000, 3001, 3002, 3003, 3004, 9300]) {
      expect({ port, free: await portIsFree(port) }).toEqual({ port, free: true }); // stop a running stack first
    }
    execFileSync('git', ['clone', '--quiet', root, clone]);
    const [startBlock, commands] = quickStartBlocks(readFileSync(join(clone, 'README.md'), 'utf8'));
    expect(startBlock.trim().split(/\s+#/)[0]).toBe('npm start');

    const amqpUrl = await createVhost(id);
    start = spawn('npm', ['start'], { cwd: clone, detached: true, env: { ...process.env, DATABASE_PREFIX: id, AMQP_URL: amqpUrl, LOG_LEVEL: 'warn' } });
    start.stdout!.on('data', (chunk) => (output += chunk));
    start.stderr!.on('data', (chunk) => (output += chunk));
    await waitFor(async () => {
      if (start!.exitCode !== null) throw new Error(`npm start exited with ${start!.exitCode}: ${output.slice(-3000)}`);
      return output.includes('all apps are ready');
    }, 170_000, 'npm start to report the apps ready');

    // every curl of the block prints its status code on a line of its own; the block itself is run verbatim
    const wrapper = 'curl() { command curl -sS -o /dev/null -w "%{http_code}\\n" "$@"; }\n';
    const statuses = execFileSync('bash', ['-euo', 'pipefail', '-c', wrapper + commands], { cwd: clone, env: process.env, encoding: 'utf8' })
      .trim().split('\n');
    expect(statuses.length).toBe((commands.match(/^curl /gm) ?? []).length);
    expect(statuses.filter((status) => !/^2\d\d$/.test(status))).toEqual([]);

    const token = execFileSync('npm', ['run', '-s', 'token', '--', '--role', 'admin'], { cwd: clone, encoding: 'utf8' }).trim();
    const order = await (await fetch('http://localhost:3000/api/orders/ORD-000001', { headers: { authorization: `Bearer ${token}` } })).json();
    expect(order).toMatchObject({ inventoryStatus: 'reserved', paymentStatus: { code: 'paid' }, status: { code: 'processing' } });
    // no SMTP server on a fresh machine: the confirmation is stored, readable, and says why it was not sent
    const notifications = await waitFor(async () => {
      const { items } = await (await fetch('http://localhost:3000/api/notifications?orderId=ORD-000001&channel=email', { headers: { authorization: `Bearer ${token}` } })).json();
      return items.some((n: { template: string }) => n.template === 'payment-received') ? items : null;
    }, 20_000, 'the confirmation and receipt in the delivery log');
    const confirmation = notifications.find((n: { template: string }) => n.template === 'order-confirmed');
    expect(confirmation).toMatchObject({ status: 'suppressed', statusReason: expect.stringContaining('SMTP_URL is not set'), recipient: 'ann@example.com' });
    const content = await (await fetch(`http://localhost:3000/api/notifications/${confirmation.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(content).toMatchObject({ subject: 'Order ORD-000001 confirmed', html: expect.stringContaining('Mug'), text: expect.stringContaining('/orders/status?token=') });
  });
});
