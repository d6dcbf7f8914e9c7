import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');
// a server that refuses at once and is not local, so nothing tries to start it
const unreachable = { POSTGRES_URL: 'postgres://postgres@127.0.0.2:1', AMQP_URL: 'amqp://guest:guest@127.0.0.2:1' };

const npmTest = (env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [resolve(root, 'tools/test.mjs'), 'apps/gateway/src/http/input-guard'], {
    cwd: root, env: { ...process.env, ...unreachable, ...env }, encoding: 'utf8', timeout: 170_000,
  });

/** `npm test` on a machine without the servers: the type check and unit specs still run. */
describe('npm test without PostgreSQL and RabbitMQ', () => {
  it('runs the type check and the unit specs, says the integration specs were skipped and why, and passes', () => {
    const run = npmTest({ CI: undefined });
    const lines = run.stdout.trim().split('\n');
    expect(run.stdout).toContain('type checking');
    expect(run.stdout).toMatch(/the integration specs were SKIPPED: PostgreSQL \(127\.0\.0\.2:1\) and RabbitMQ \(127\.0\.0\.2:1\) are not reachable/);
    expect(lines.at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(run.status).toBe(0);
  });

  it('fails under CI, which installs the servers and must run everything', () => {
    const run = npmTest({ CI: 'true' });
    expect(run.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
    expect(run.status).toBe(1);
  });
});
