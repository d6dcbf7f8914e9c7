// npm run bench [-- --concurrency 64 --duration 20 --scenario spread|contention|limit|list|api-list --skus N --rate ORDERS_PER_S --runs N --profile DIR]
// Places orders through the gateway at a fixed concurrency (with --rate, arriving at a fixed rate instead:
// tools/lib/bench-open-loop.mjs) for a fixed time and prints orders/s, the p50/p99 latency of
// POST /api/orders, the p50/p99 of placed → reserved (from the order database), the
// confirmation emails sent per second and their lag from the event (to an SMTP sink it starts with its own
// stack), and the apps' memory (with the heap kept after a full collection when it started the apps itself, asked over
// their loopback inspectors). Uses a running stack on localhost:3000, or starts one on databases of its own.
// After placing, it runs the raw place-order transaction with pgbench on a database of its own and prints
// orders/s divided by that rate: the figure to compare across machines (`--scenario limit` runs only that).
// `--scenario api-list` instead reads pages of 50 orders over REST and GraphQL (tools/lib/bench-api-list.mjs).
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchApiList } from './lib/bench-api-list.mjs';
import { rawPlaceOrderRate } from './lib/bench-limit.mjs';
import { openLoop } from './lib/bench-open-loop.mjs';
import { heapAfterGc } from './lib/heap-after-gc.mjs';
import { summariseProfiles } from './lib/profile-summary.mjs';
import { build, DEVELOPMENT, ensureInstalled, ensureServers, log, startApps, stopApps } from './lib/workspace.mjs';

const scenarioArg = process.argv.find((arg, i) => arg === '--scenario=list' || (arg === 'list' && process.argv[i - 1] === '--scenario'));
if (scenarioArg) {
  await import('./bench-list.mjs'); // the order list at scale is a benchmark of its own
  process.exit(0);
}

const { values: options } = parseArgs({
  options: {
    // 64 order-placing clients; 8 page readers in api-list (each REST page there is 101 calls)
    concurrency: { type: 'string' },
    duration: { type: 'string', default: '20' },
    scenario: { type: 'string', default: 'spread' },
    profile: { type: 'string' },
    // open loop: place this many orders per second in all, whatever the answers' latency
    rate: { type: 'string' },
    // run the scenario this many times in a row against one stack: the apps' memory after each shows growth
    runs: { type: 'string', default: '1' },
    skus: { type: 'string' },
    url: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://localhost:3000' },
  },
});
const concurrency = Number(options.concurrency ?? (options.scenario === 'api-list' ? 8 : 64));
const duration = Number(options.duration);
const skuCount = Number(options.skus ?? (options.scenario === 'contention' ? 3 : 200));
const postgresUrl = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const token = jwt.sign({ role: 'admin' }, process.env.JWT_SECRET ?? DEVELOPMENT.JWT_SECRET, { subject: 'bench', expiresIn: '1h' });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const PORTS = { gateway: 3000, 'order-service': 3001, 'inventory-service': 3002, 'shipment-service': 3003, 'notification-service': 3004 };

const isReady = (url) => fetch(`${url}/health/ready`).then((r) => r.ok, () => false);

let children = [];
let orderDatabase = 'oms_order';
let notificationDatabase = 'oms_notification';
let inventoryDatabase = 'oms_inventory';
let mailSink;
const SERVICES = ['order', 'inventory', 'shipment', 'notification'];
/** A service's database when the bench starts the stack itself: new for every bench. */
const benchDatabase = (service) => `oms_bench_${service}`;
/** The apps' inspector ports, when the bench started them: the memory report then gives the heap after a full collection. */
let inspectorPorts = {};
let baseUrl = options.url;
if (options.scenario === 'limit') {
  console.log(JSON.stringify({ scenario: 'limit', rawPlaceOrder: await rawPlaceOrderRate(postgresUrl, duration) }, null, 2));
  process.exit(0);
}
if (await isReady(baseUrl)) {
  log(`using the running stack at ${baseUrl}`);
} else {
  ensureInstalled();
  await ensureServers();
  build();
  log('starting a stack on databases of its own (oms_bench_*), new for this bench…');
  await dropBenchDatabases();
  orderDatabase = benchDatabase('order');
  notificationDatabase = benchDatabase('notification');
  inventoryDatabase = benchDatabase('inventory');
  const env = { all: { LOG_LEVEL: 'warn' } };
  for (const app of Object.keys(PORTS)) env[app] = { PORT: String(PORTS[app]) };
  for (const service of SERVICES) env[`${service}-service`].DATABASE_NAME = benchDatabase(service);
  // a real SMTP server that accepts every email, so the notification service sends them all for real
  mailSink = await startMailSink();
  env['notification-service'].SMTP_URL = `smtp://127.0.0.1:${mailSink.port}`;
  try {
    // --profile DIR: every app writes a CPU profile there when it stops (open it in Chrome DevTools)
    // an inspector on loopback, through which the memory report asks for the heap after a full collection
    inspectorPorts = Object.fromEntries(Object.keys(PORTS).map((app, i) => [app, 9330 + i]));
    const profile = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
    ({ children, gatewayUrl: baseUrl } = await startApps(env, (app) => [...profile, `--inspect=127.0.0.1:${inspectorPorts[app]}`]));
  } catch (error) {
    if (error.children) await stopApps(error.children);
    console.error(`[oms] cannot start the stack: ${error.message}`);
    process.exit(1);
  }
}

/**
 * Drops the databases of earlier benches: each bench starts from the same state, as empty as the raw
 * transaction's (`--scenario limit`), instead of on all the orders of the benches before it (a day of them
 * came to 66,000 orders and 1.2 GB, ten times shared_buffers). The runs of one bench (--runs N) share them.
 */
async function dropBenchDatabases() {
  const admin = new pg.Client({ connectionString: `${postgresUrl}/postgres` });
  await admin.connect();
  try {
    for (const service of SERVICES) await admin.query(`DROP DATABASE IF EXISTS ${benchDatabase(service)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * An SMTP server on a free port that accepts and discards mail, in a thread of its own: in this
 * process's event loop, busy driving the load, it would answer late and the lag measured would be its.
 */
async function startMailSink() {
  const worker = new Worker(`
    const { parentPort } = require('node:worker_threads');
    const { SMTPServer } = require(${JSON.stringify(createRequire(import.meta.url).resolve('smtp-server'))});
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, _session, callback) { stream.resume(); stream.on('end', () => callback()); },
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.server.address().port));
  `, { eval: true });
  const port = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
  return { port, stop: () => worker.terminate() };
}

/**
 * The confirmations of this run's orders: how many went out per second, and the lag from the event
 * (inventory.reserved) to the SMTP server accepting the email. Waits until none is pending.
 */
async function notificationsOfRun(since) {
  const db = new pg.Client({ connectionString: `${postgresUrl}/${notificationDatabase}` });
  try {
    await db.connect();
  } catch {
    return 'no notification database';
  }
  try {
    const deadline = Date.now() + 120_000;
    let waiting;
    do {
      ({ rows: [{ waiting }] } = await db.query(`SELECT count(*)::int AS waiting FROM notification WHERE created_at >= $1 AND status = 'pending'`, [since]));
      if (waiting) await new Promise((r) => setTimeout(r, 250));
    } while (waiting && Date.now() < deadline);
    const { rows: [stats] } = await db.query(
      `SELECT count(*)::int AS confirmations,
              count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - event_occurred_at) * 1000) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - event_occurred_at) * 1000) AS p99,
              extract(epoch FROM max(sent_at) - min(sent_at)) AS span
       FROM notification WHERE created_at >= $1 AND template = 'order-confirmed'`, [since]);
    return {
      confirmations: stats.confirmations,
      sent: stats.sent,
      suppressed: stats.suppressed,
      pendingAfterWait: waiting,
      sentPerSecond: stats.sent ? Math.round(stats.sent / Math.max(Number(stats.span), 1e-3)) : 0,
      eventToEmailMs: { p50: Math.round(stats.p50 * 10) / 10, p99: Math.round(stats.p99 * 10) / 10 },
    };
  } finally {
    await db.end();
  }
}

/** CPU seconds so far of each app this bench started, of all PostgreSQL and RabbitMQ processes (Linux /proc) and of the bench. */
function cpuSeconds() {
  const ticks = (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
    } catch {
      return 0;
    }
  };
  const byName = (name) => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
    } catch {
      return false;
    }
  });
  const seconds = Object.fromEntries(children.map(({ app, child }) => [app, ticks(child.pid)]));
  seconds.postgres = byName('postgres').reduce((sum, pid) => sum + ticks(pid), 0);
  seconds.rabbitmq = byName('beam.smp').reduce((sum, pid) => sum + ticks(pid), 0);
  // the bench itself, all its threads (the load it drives and the SMTP sink): the share of the box it takes
  const { user, system } = process.cpuUsage();
  seconds.bench = (user + system) / 1e6;
  return seconds;
}

/** The order-placing scenarios: orders/s, latency, reservations, notifications, CPU and memory. */
async function benchPlacing() {
  const runId = Date.now().toString(36);
  const skus = Array.from({ length: skuCount }, (_, i) => `BENCH-${runId}-${i}`);
  for (const sku of skus) {
    const response = await fetch(`${baseUrl}/api/inventory/${sku}`, { method: 'PUT', headers, body: JSON.stringify({ onHand: 100_000_000 }) });
    if (!response.ok) throw new Error(`setting stock failed: ${response.status} ${await response.text()}`);
  }

  const address = { fullName: 'Bench Buyer', address1: 'Load Street 1', city: 'Berlin', country: 'DE' };
  const orderBody = () => {
    const lines = 1 + Math.floor(Math.random() * 3);
    const chosen = new Set(Array.from({ length: lines }, () => skus[Math.floor(Math.random() * skus.length)]));
    return JSON.stringify({
      customer: { id: 'bench-customer', email: 'bench@example.com', fullName: 'Bench Buyer' },
      currency: 'EUR',
      items: [...chosen].map((sku) => ({ sku, name: 'Bench item', qty: 1 + Math.floor(Math.random() * 2), price: 12.34 })),
      shippingAddress: address,
      billingAddress: address,
      paymentMethod: 'card',
      shippingFee: 4.95,
    });
  };

  const db = new pg.Client({ connectionString: `${postgresUrl}/${orderDatabase}` });
  await db.connect();
  const { rows: [{ now: startedAt }] } = await db.query('SELECT now()');

  log(`scenario ${options.scenario}: ${skuCount} SKUs, ${options.rate ? `open loop at ${options.rate} orders/s` : `${concurrency} connections`}, ${duration} s`);
  const cpuBefore = cpuSeconds();
  const result = options.rate
    ? await openLoop({ url: baseUrl, method: 'POST', path: '/api/orders', headers, body: orderBody, rate: Number(options.rate), duration })
    : await autocannon({
      url: baseUrl,
      connections: concurrency,
      duration,
      requests: [{ method: 'POST', path: '/api/orders', headers, setupRequest: (request) => ({ ...request, body: orderBody() }) }],
    });

  const deadline = Date.now() + 120_000;
  let pending = 0;
  do {
    ({ rows: [{ pending }] } = await db.query(
      `SELECT count(*)::int AS pending FROM orders WHERE created_at >= $1 AND inventory_status = 'reserving'`, [startedAt]));
    if (pending) await new Promise((r) => setTimeout(r, 250));
  } while (pending && Date.now() < deadline);

  const { rows: [settled] } = await db.query(
    `SELECT count(*)::int AS orders,
            count(*) FILTER (WHERE inventory_status = 'reserved')::int AS reserved,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM inventory_settled_at - created_at) * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM inventory_settled_at - created_at) * 1000) AS p99,
            extract(epoch FROM max(inventory_settled_at) - min(created_at)) AS span
     FROM orders WHERE created_at >= $1`, [startedAt]);
  await db.end();
  const notifications = await notificationsOfRun(startedAt);
  const stockMismatches = await stockMismatchesOf(skus);
  const cpuAfter = cpuSeconds();
  // what each process spent per order placed, settled and notified (ms): where the box's two cores go
  const cpuMsPerOrder = Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, Math.round(((cpuAfter[name] - cpuBefore[name]) * 1000 / Math.max(settled.orders, 1)) * 10) / 10]));

  const memory = {};
  // the gateway serves /metrics on its METRICS_PORT, apart from its API port
  for (const [app, port] of Object.entries({ ...PORTS, gateway: Number(process.env.METRICS_PORT ?? 9300) })) {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
    const mib = (metric) => {
      const value = text.match(new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\d+)`, 'm'));
      return value ? Math.round(Number(value[1]) / 1048576) : undefined;
    };
    // RSS, and the JavaScript heap in use (it falls back after a collection; RSS seldom does)
    if (mib('process_resident_memory_bytes') !== undefined) memory[app] = { rssMiB: mib('process_resident_memory_bytes'), heapUsedMiB: mib('nodejs_heap_size_used_bytes') };
    // what the heap keeps once its garbage is collected: the figure whose growth across runs is retention
    if (memory[app] && inspectorPorts[app]) {
      memory[app].heapAfterGcMiB = await heapAfterGc(inspectorPorts[app]).then((bytes) => Math.round(bytes / 1048576), (error) => `unknown: ${error.message}`);
    }
  }

  // the box's limit, measured now (the apps are idle): the ratio compares runs on machines that differ
  const rawPlaceOrder = await rawPlaceOrderRate(postgresUrl, 10);
  const ordersPerSecond = Math.round(result['2xx'] / duration);

  const report = {
    scenario: options.scenario,
    ...(options.rate ? { openLoopRate: Number(options.rate) } : {}),
    skus: skuCount,
    ...(options.rate ? {} : { concurrency }),
    durationSeconds: duration,
    ordersPlaced: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ...(options.rate ? { notSent: result.notSent } : {}),
    ordersPerSecond,
    rawPlaceOrderTxPerSecond: rawPlaceOrder.txPerSecond,
    ratioToRawPostgres: Math.round((ordersPerSecond / rawPlaceOrder.txPerSecond) * 1000) / 1000,
    postOrderLatencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    placedToReservedMs: { p50: Math.round(settled.p50 * 10) / 10, p99: Math.round(settled.p99 * 10) / 10 },
    reservationsPerSecond: Math.round(settled.reserved / Math.max(Number(settled.span), 1e-3)),
    unsettledAfterWait: pending,
    stockMismatches,
    notifications,
    cpuMsPerOrder,
    memory,
  };
  return report;
}

/**
 * The run's SKUs whose stock its ledger does not explain (oversold, reserved other than the live
 * reservations hold, levels other than their movements: the stock-ledger spec's check). A lost update
 * under contention shows here; it should always be an empty list.
 */
async function stockMismatchesOf(skus) {
  const db = new pg.Client({ connectionString: `${postgresUrl}/${inventoryDatabase}` });
  await db.connect();
  try {
    const { rows } = await db.query(readFileSync(new URL('../apps/inventory-service/test/unexplained-stock.sql', import.meta.url), 'utf8'), [skus]);
    return rows;
  } finally {
    await db.end();
  }
}

/** Each app's memory after the last run minus after the first (MiB): what it kept across runs. */
function memoryGrowth(reports) {
  const [first, last] = [reports[0].memory, reports.at(-1).memory];
  return Object.fromEntries(Object.keys(first).filter((app) => app in last).map((app) => [app, {
    rss: last[app].rssMiB - first[app].rssMiB, heapUsed: last[app].heapUsedMiB - first[app].heapUsedMiB,
    ...(typeof first[app].heapAfterGcMiB === 'number' && typeof last[app].heapAfterGcMiB === 'number' ? { heapAfterGc: last[app].heapAfterGcMiB - first[app].heapAfterGcMiB } : {}),
  }]));
}

let exitCode = 1;
try {
  if (options.scenario === 'api-list') {
    const report = await benchApiList({ baseUrl, headers, duration, concurrency });
    console.log(JSON.stringify(report, null, 2));
    exitCode = report.errors ? 1 : 0;
  } else {
    const reports = [];
    for (let run = 1; run <= Number(options.runs); run++) {
      const report = await benchPlacing();
      reports.push(report);
      console.log(JSON.stringify({ run, ...report }, null, 2));
    }
    if (reports.length > 1) console.log(JSON.stringify({ memoryGrowthMiB: memoryGrowth(reports) }, null, 2));
    exitCode = reports.some((report) => report.unsettledAfterWait || report.errors || report.notSent || report.stockMismatches.length) ? 1 : 0;
  }
} catch (error) {
  console.error(`[oms] benchmark failed: ${error.message}`);
} finally {
  if (children.length) await stopApps(children);
  await mailSink?.stop();
}
if (options.profile && children.length) console.log(JSON.stringify({ profiles: summariseProfiles(options.profile, children.map(({ child }) => child.pid)) }, null, 2));
process.exit(exitCode);
