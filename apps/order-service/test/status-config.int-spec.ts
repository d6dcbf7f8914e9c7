import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import statuses from '../src/orders/domain/order-statuses.json';
import { dropDatabases, freePort, newTestId, POSTGRES_URL } from '../../../test/support/infra';

/** A broken status configuration stops the order service at start, naming what is wrong. */
describe('order-service with a broken status configuration', () => {
  const id = newTestId();
  afterAll(() => dropDatabases(`${id}_`));

  async function start(file: string): Promise<{ code: number | null; output: string }> {
    const port = await freePort();
    return new Promise((resolvePromise) => {
      const child = spawn(process.execPath, [resolve(__dirname, '../../../dist/apps/order-service/src/main.js')], {
        env: { ...process.env, PORT: String(port), POSTGRES_URL, DATABASE_NAME: `${id}_order`, ORDER_STATUSES_FILE: file },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolvePromise({ code, output });
      });
    });
  }

  it('exits with the problems named', async () => {
    const broken = JSON.parse(JSON.stringify(statuses));
    broken.paymentStatus.paid.isDefault = true;
    broken.orderStatusRules.push({ payment: 'settled', shipment: '*', order: 'pending' });
    const file = join('/tmp', `${id}-statuses.json`);
    writeFileSync(file, JSON.stringify(broken));
    const { code, output } = await start(file);
    expect(code).toBe(1);
    expect(output).toContain('invalid status configuration');
    expect(output).toContain('paymentStatus must have exactly one isDefault status, has 2');
    expect(output).toContain('unknown payment status \\"settled\\"');
  });

  it('exits when the file cannot be read', async () => {
    const { code, output } = await start('/nonexistent/statuses.json');
    expect(code).toBe(1);
    expect(output).toContain('cannot read the status configuration /nonexistent/statuses.json');
  });
});
