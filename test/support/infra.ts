import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { BROKER_POLICIES, setPolicyArgs } from '@oms/messaging';

const exec = promisify(execFile);

export const POSTGRES_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const AMQP_BASE = (process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672').replace(/\/+$/, '');

/** A short id that names this spec file's databases and vhost. */
export const newTestId = () => `t${randomBytes(4).toString('hex')}`;

export const rabbitmqctl = (...args: string[]) => exec('rabbitmqctl', ['-q', ...args]);

/** A vhost of its own, so no test consumes another's messages; returns its AMQP URL. */
export async function createVhost(name: string): Promise<string> {
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
  for (const policy of BROKER_POLICIES) await rabbitmqctl(...setPolicyArgs(name, policy));
  return `${AMQP_BASE}/${encodeURIComponent(name)}`;
}

export async function deleteVhost(name: string): Promise<void> {
  await rabbitmqctl('delete_vhost', name).catch(() => undefined);
}

/** The vhost's queues with the given `rabbitmqctl list_queues` info items (name, policy, arguments, …). */
export async function queueInfo(vhost: string, ...items: string[]): Promise<Record<string, unknown>[]> {
  const { stdout } = await rabbitmqctl('list_queues', '-p', vhost, '--formatter', 'json', ...items);
  return JSON.parse(stdout);
}

export async function listQueue(vhost: string, queue: string): Promise<number> {
  const { stdout } = await rabbitmqctl('list_queues', '-p', vhost, 'name', 'messages');
  const line = stdout.split('\n').find((l) => l.split('\t')[0] === queue);
  return line ? Number(line.split('\t')[1]) : 0;
}

/** Stops and starts the RabbitMQ node's application: every connection drops, durable state survives. */
export async function restartBroker(downForMs: number): Promise<void> {
  await rabbitmqctl('stop_app');
  await new Promise((resolve) => setTimeout(resolve, downForMs));
  await rabbitmqctl('start_app');
  await rabbitmqctl('await_startup');
}

export async function dropDatabases(prefix: string): Promise<void> {
  const client = new Client({ connectionString: `${POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

const portsGiven = new Set<number>();

/** A port nothing listens on, and never one this test process handed out before (the OS may repeat itself). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port: given } = server.address() as { port: number };
        server.close(() => resolve(given));
      });
      server.on('error', reject);
    });
    if (!portsGiven.has(port)) {
      portsGiven.add(port);
      return port;
    }
  }
}

/** Polls until `check` returns a truthy value, or fails with the last state after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}
