// npm run bench -- --scenario list [--orders 1000000]
// Seeds an order database of its own (oms_bench_list) up to --orders orders, then times the first page of
// GET /api/orders as the order service queries it (its repository, on the real database) for the common
// filters and sorts, 1,000 times each (so that p99 is not simply the slowest run), and prints p50/p99 per case.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { build, ensureInstalled, ensureServers, log, root } from './lib/workspace.mjs';

const { values: options } = parseArgs({
  options: { orders: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '1000' }, scenario: { type: 'string' } },
  allowPositionals: true,
  strict: false,
});
const target = Number(options.orders);
const runs = Number(options.runs);
const url = `${(process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '')}/oms_bench_list`;

ensureInstalled();
await ensureServers();
build();
const require = (await import('node:module')).createRequire(import.meta.url);
require('reflect-metadata');
const { openDatabase } = require(`${root}/dist/libs/persistence/src`);
const { orderMigrations } = require(`${root}/dist/apps/order-service/src/orders/persistence/migrations`);
const { OrderRepository } = require(`${root}/dist/apps/order-service/src/orders/persistence/order.repository`);

const dataSource = await openDatabase({ url, poolSize: 4, entities: [], migrations: orderMigrations, applicationName: 'bench-list' });
const db = new pg.Client({ connectionString: url });
await db.connect();

// statuses that belong together, as the order service would have resolved them
const STATES = [
  ['pending', 'pending', 'pending'], ['processing', 'paid', 'pending'], ['shipped', 'paid', 'shipped'],
  ['completed', 'paid', 'delivered'], ['canceled', 'canceled', 'canceled'], ['processing', 'authorized', 'pending'],
];
// customers with realistic names and emails: invented surnames of three syllables, so that text search
// meets names that differ (not 50,000 names sharing the trigrams of one word)
const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Karla', 'Leon', 'Mia', 'Noah',
  'Olga', 'Paul', 'Rosa', 'Samuel', 'Tilda', 'Umar', 'Vera', 'Wim', 'Yara', 'Zeno', 'Aiko', 'Bruno', 'Chloe', 'Dmitri', 'Elif', 'Finn',
  'Giulia', 'Hana', 'Ines', 'Jakub', 'Kofi', 'Lucia', 'Mateo', 'Nora', 'Oskar', 'Priya', 'Quentin', 'Rahel', 'Sven', 'Tomasz', 'Ursula',
  'Viktor', 'Wen', 'Xaver'];
const SYLLABLES = ['ber', 'kow', 'al', 'ski', 'man', 'dor', 'lin', 'qu', 'ez', 'ro', 'fa', 'ti', 'vug', 'hel', 'sso', 'nak', 'ya', 'mura',
  'gren', 'ov', 'ich', 'pel', 'zan', 'tor'];
const DOMAINS = ['gmail.com', 'web.de', 'outlook.com', 'yahoo.fr', 'posteo.de', 'icloud.com'];
const SEED_VERSION = 2;
await db.query('CREATE TABLE IF NOT EXISTS bench_seed (version int NOT NULL)');
const { rows: [seeded] } = await db.query('SELECT version FROM bench_seed');
if (seeded?.version !== SEED_VERSION) {
  log(`the seeded orders are of another version: reseeding`);
  await db.query('TRUNCATE orders CASCADE');
  await db.query('DELETE FROM bench_seed');
  await db.query('INSERT INTO bench_seed (version) VALUES ($1)', [SEED_VERSION]);
}
let { rows: [{ count }] } = await db.query('SELECT count(*)::int AS count FROM orders');
if (count < target) log(`seeding ${target - count} orders (batches of 100,000)…`);
while (count < target) {
  const upTo = Math.min(count + 100_000, target);
  await db.query(
    `INSERT INTO orders (id, order_number, currency, customer_id, customer_email, customer_full_name, status, payment_status,
       shipment_status, inventory_status, shipping_address, billing_address, payment_method, order_type, sub_total,
       discount_amount, tax_amount, shipping_fee, grand_total, total_qty, created_at, updated_at)
     SELECT gen_random_uuid(), 'SEED-' || lpad(g::text, 8, '0'), (ARRAY['EUR','USD','GBP'])[1 + g % 3], 'cust-' || c,
       lower(first || '.' || last) || c % 100 || '@' || ($5::text[])[1 + c % cardinality($5::text[])], first || ' ' || last, s[1], s[2], s[3], 'reserved', '{}', '{}',
       (ARRAY['card','paypal','invoice'])[1 + g % 3], 'regular', 1000 + g % 90000, 0, 0, 495, 1495 + g % 90000, 1 + g % 5,
       now() - make_interval(secs => g * 30), now()
     FROM generate_series($1::int, $2::int) g, LATERAL (SELECT ($3::text[])[1 + g % 6 : 1 + g % 6] AS x) _,
       LATERAL (SELECT string_to_array(x[1], ',') AS s) __,
       LATERAL (SELECT g % 50000 AS c, cardinality($4::text[]) AS nf, cardinality($6::text[]) AS ns) customer,
       LATERAL (SELECT ($4::text[])[1 + c % nf] AS first,
         initcap(($6::text[])[1 + c / nf % ns] || ($6::text[])[1 + c / (nf * ns) % ns] || ($6::text[])[1 + (c / 7 + c) % ns]) AS last) names`,
    [count + 1, upTo, STATES.map((s) => s.join(',')), FIRST_NAMES, DOMAINS, SYLLABLES],
  );
  count = upTo;
  log(`${count} orders`);
}
// as autovacuum would have by now: statistics, and GIN pending lists merged into the trigram indexes
await db.query('VACUUM ANALYZE orders');

const { rows: [someone] } = await db.query(`SELECT customer_full_name, customer_email FROM orders WHERE customer_id = 'cust-4242' LIMIT 1`);
const surname = someone.customer_full_name.split(' ')[1];
const email = someone.customer_email;
log(`searching for ${surname} (${email})`);
const repository = new OrderRepository(dataSource);
const page = (sort = 'createdAt', order = 'desc') => ({ sort, order, limit: 21, offset: 0, includeTotal: false });
const cases = [
  ['newest first', {}, page()],
  ['status=processing', { status: 'processing' }, page()],
  ['paymentStatus=paid', { paymentStatus: 'paid' }, page()],
  ['shipmentStatus=shipped', { shipmentStatus: 'shipped' }, page()],
  ['customerId', { customerId: 'cust-4242' }, page()],
  ['customerEmail', { customerEmail: 'cust4242@example.com' }, page()],
  ['q=order number', { q: 'SEED-00424242' }, page()],
  ['q=a surname', { q: surname }, page()],
  ['q=part of a surname', { q: surname.slice(2, 6) }, page()],
  ['q=part of an email', { q: email.split('@')[0] }, page()],
  ['grandTotal desc', {}, page('grandTotal', 'desc')],
  ['orderNumber asc', {}, page('orderNumber', 'asc')],
  ['created in a week', { createdFrom: new Date(Date.now() - 7 * 86_400_000).toISOString(), createdTo: new Date().toISOString() }, page()],
];
const results = {};
for (const [name, filter, paging] of cases) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await repository.list(filter, paging);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  results[name] = { p50: +times[Math.floor(runs * 0.5)].toFixed(2), p99: +times[Math.floor(runs * 0.99)].toFixed(2) };
}
console.log(JSON.stringify({ scenario: 'list', orders: count, runsPerCase: runs, firstPageMs: results }, null, 2));
await db.end();
await dataSource.destroy();
