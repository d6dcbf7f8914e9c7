import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { createVhost, deleteVhost, dropDatabases, freePort, newTestId, POSTGRES_URL, waitFor } from './infra';

export const APPS = ['gateway', 'order-service', 'inventory-service', 'shipment-service', 'notification-service'] as const;
export type AppName = (typeof APPS)[number];
type ServiceName = Exclude<AppName, 'gateway'>;

const root = resolve(__dirname, '../..');
export const JWT_SECRET = 'test-secret-of-sufficient-length';

const databaseOf = (id: string, app: ServiceName) => `${id}_${app.replace('-service', '')}`;

/**
 * The whole system as real processes (the built dist/), on databases and a vhost of its own.
 * Apps can be killed (SIGKILL), stopped (SIGTERM) and started again.
 */
export class TestStack {
  readonly id = newTestId();
  amqpUrl = '';
  gatewayUrl = '';
  private readonly ports = new Map<AppName, number>();
  /** The gateway serves /metrics apart from its API port. */
  metricsUrl = '';
  private metricsPort = 0;
  private readonly processes = new Map<AppName, ChildProcess>();
  private readonly extras: ChildProcess[] = [];
  private readonly pools = new Map<ServiceName, Pool>();
  private readonly logDir = join('/tmp/oms-test-logs', this.id);

  constructor(private readonly extraEnv: Partial<Record<AppName | 'all', Record<string, string>>> = {}) {}

  async start(apps: readonly AppName[] = APPS): Promise<this> {
    if (!existsSync(join(root, 'dist/apps/gateway/src/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    mkdirSync(this.logDir, { recursive: true });
    this.amqpUrl = await createVhost(this.id);
    for (const app of APPS) this.ports.set(app, await freePort());
    this.gatewayUrl = `http://127.0.0.1:${this.ports.get('gateway')}`;
    this.metricsPort = await freePort();
    this.metricsUrl = `http://127.0.0.1:${this.metricsPort}/metrics`;
    await Promise.all(apps.map((app) => this.startApp(app, this.extraEnv[app]?.AMQP_URL ? 'live' : 'ready')));
    return this;
  }

  /** Starts one app and waits for its probe: `ready` (database and broker up) or just `live`. */
  async startApp(app: AppName, probe: 'ready' | 'live' = 'ready'): Promise<void> {
    this.processes.set(app, await this.spawnApp(app, this.ports.get(app)!, app, probe));
  }

  /**
   * Another instance of an app, on the same databases and vhost (competing consumers, relays sharing
   * the outbox); stopped with the stack. Answers its URL and its process.
   */
  async startInstance(app: AppName): Promise<{ url: string; process: ChildProcess }> {
    const port = await freePort();
    const child = await this.spawnApp(app, port, `${app}-${this.extras.length + 2}`, 'ready', await freePort());
    this.extras.push(child);
    return { url: `http://127.0.0.1:${port}`, process: child };
  }

  private async spawnApp(app: AppName, port: number, logName: string, probe: 'ready' | 'live', metricsPort = this.metricsPort): Promise<ChildProcess> {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      AMQP_URL: this.amqpUrl,
      POSTGRES_URL,
      JWT_SECRET,
      LOG_LEVEL: 'info',
      EVENT_RETRY_DELAYS_MS: '100,200,400',
      OUTBOX_POLL_MS: '100',
      RPC_TIMEOUT_MS: '5000',
      ...(app === 'gateway' ? { METRICS_PORT: String(metricsPort) } : { DATABASE_NAME: databaseOf(this.id, app) }),
      ...this.extraEnv.all,
      ...this.extraEnv[app],
    };
    const log = createWriteStream(join(this.logDir, `${logName}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(root, 'dist/apps', app, 'src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${logName} exited with ${child.exitCode}; see ${this.logDir}/${logName}.log`);
      const response = await fetch(`http://127.0.0.1:${port}/health/${probe}`);
      // another process on the port (which this app then failed to bind) must not pass for this app
      return response.ok && ((await response.json()) as { service?: string }).service === app;
    }, 30_000, `${logName} to be ready`);
    return child;
  }

  /** Ends an app: SIGKILL (a crash) or SIGTERM (a graceful stop). */
  async stopApp(app: AppName, signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.processes.get(app);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  processOf(app: AppName): ChildProcess | undefined {
    return this.processes.get(app);
  }

  url(app: AppName): string {
    return `http://127.0.0.1:${this.ports.get(app)}`;
  }

  db(app: ServiceName): Pool {
    let pool = this.pools.get(app);
    if (!pool) {
      pool = new Pool({ connectionString: `${POSTGRES_URL}/${databaseOf(this.id, app)}`, max: 4 });
      // stop() drops the databases WITH (FORCE): a connection still open then is terminated, as expected
      pool.on('error', () => undefined);
      this.pools.set(app, pool);
    }
    return pool;
  }

  async stop(): Promise<void> {
    await Promise.all(this.extras.filter((child) => child.exitCode === null && child.signalCode === null).map((child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }));
    await Promise.all(APPS.map((app) => this.stopApp(app, 'SIGTERM')));
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    await dropDatabases(`${this.id}_`);
    await deleteVhost(this.id);
  }
}
