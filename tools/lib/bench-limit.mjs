// The box's limit for the benchmark's ratio: the raw "place order" transaction (3 guarded stock updates, the
// order, 3 items, an activity row and an outbox row, in one transaction) run by pgbench with 8 clients and
// prepared statements, on a database of its own. Orders/s through the gateway divided by this rate is the
// figure that compares runs on machines that differ from day to day.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const SKUS = 200;
const DATABASE = 'oms_bench_limit';

const SCHEMA = `
  CREATE TABLE stock (sku text PRIMARY KEY, on_hand integer NOT NULL, reserved integer NOT NULL DEFAULT 0, version integer NOT NULL DEFAULT 1);
  INSERT INTO stock (sku, on_hand) SELECT 'SKU-' || i, 1000000000 FROM generate_series(1, ${SKUS}) AS i;
  CREATE SEQUENCE order_number;
  CREATE TABLE orders (
    id uuid PRIMARY KEY, order_number text NOT NULL UNIQUE, customer_id text NOT NULL, customer_email text NOT NULL,
    currency char(3) NOT NULL, total_minor bigint NOT NULL, status text NOT NULL, payment_status text NOT NULL,
    inventory_status text NOT NULL, shipping_address jsonb NOT NULL, version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX ON orders (created_at DESC, id DESC);
  CREATE INDEX ON orders (customer_id, created_at DESC);
  CREATE TABLE order_item (order_id uuid NOT NULL REFERENCES orders, line integer NOT NULL, sku text NOT NULL, name text NOT NULL,
    qty integer NOT NULL, unit_price_minor bigint NOT NULL, PRIMARY KEY (order_id, line));
  CREATE TABLE order_activity (id bigserial PRIMARY KEY, order_id uuid NOT NULL REFERENCES orders, kind text NOT NULL,
    detail jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX ON order_activity (order_id, at);
  CREATE TABLE outbox (id uuid PRIMARY KEY, routing_key text NOT NULL, payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz);
  CREATE INDEX ON outbox (created_at) WHERE published_at IS NULL;
`;

const ADDRESS = `'{"fullName":"Bench Buyer","address1":"Load Street 1","city":"Berlin","country":"DE","postalCode":"10115"}'`;
const PAYLOAD = `'{"orderId":"' || :id || '","orderNumber":"ORD-' || :n || '","customer":{"id":"bench-customer","email":"bench@example.com"},"currency":"EUR","items":[{"sku":"SKU-' || :s1 || '","qty":1,"unitPrice":1234},{"sku":"SKU-' || :s2 || '","qty":1,"unitPrice":1234},{"sku":"SKU-' || :s3 || '","qty":1,"unitPrice":1234}],"total":4197,"shippingAddress":${ADDRESS.slice(1, -1)}}'`;

// three distinct SKUs, always locked in the same order (as the inventory service sorts them): no deadlocks
const SCRIPT = `
\\set s1 random(1, ${SKUS / 4})
\\set s2 random(${SKUS / 4 + 1}, ${SKUS / 2})
\\set s3 random(${SKUS / 2 + 1}, ${SKUS})
BEGIN;
UPDATE stock SET reserved = reserved + 1, version = version + 1 WHERE sku = 'SKU-' || :s1 AND on_hand - reserved >= 1;
UPDATE stock SET reserved = reserved + 1, version = version + 1 WHERE sku = 'SKU-' || :s2 AND on_hand - reserved >= 1;
UPDATE stock SET reserved = reserved + 1, version = version + 1 WHERE sku = 'SKU-' || :s3 AND on_hand - reserved >= 1;
SELECT gen_random_uuid() AS id, nextval('order_number') AS n \\gset
INSERT INTO orders (id, order_number, customer_id, customer_email, currency, total_minor, status, payment_status, inventory_status, shipping_address)
  VALUES (:id, 'ORD-' || :n, 'bench-customer', 'bench@example.com', 'EUR', 4197, 'placed', 'pending', 'reserving', ${ADDRESS});
INSERT INTO order_item VALUES (:id, 1, 'SKU-' || :s1, 'Bench item', 1, 1234), (:id, 2, 'SKU-' || :s2, 'Bench item', 1, 1234), (:id, 3, 'SKU-' || :s3, 'Bench item', 1, 1234);
INSERT INTO order_activity (order_id, kind, detail) VALUES (:id, 'placed', '{"by":"bench"}');
INSERT INTO outbox (id, routing_key, payload) VALUES (gen_random_uuid(), 'order.placed', (${PAYLOAD})::jsonb);
COMMIT;
`;

/** Runs the raw transaction for `seconds` (8 clients, prepared statements) and returns its rate in tx/s. */
export async function rawPlaceOrderRate(postgresUrl, seconds = 10) {
  const admin = new pg.Client({ connectionString: `${postgresUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const db = new pg.Client({ connectionString: `${postgresUrl}/${DATABASE}` });
  await db.connect();
  await db.query(SCHEMA);
  await db.end();

  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-limit-'));
  try {
    const script = join(dir, 'place-order.sql');
    writeFileSync(script, SCRIPT);
    const run = spawnSync('pgbench', ['-n', '-M', 'prepared', '-c', '8', '-j', '2', '-T', String(seconds), '-f', script, `${postgresUrl}/${DATABASE}`], { encoding: 'utf8' });
    if (run.error) throw new Error(`pgbench could not run (${run.error.message}): install PostgreSQL's client tools`);
    const tps = run.stdout.match(/tps = ([\d.]+) \(without initial connection time\)/);
    const failed = run.stdout.match(/number of failed transactions: (\d+)/);
    if (run.status !== 0 || !tps) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`);
    return { txPerSecond: Math.round(Number(tps[1])), failed: Number(failed?.[1] ?? 0), clients: 8, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const cleanup = new pg.Client({ connectionString: `${postgresUrl}/postgres` });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await cleanup.end();
  }
}
