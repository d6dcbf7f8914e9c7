import { ChildProcess, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Api, orderBody } from '../support/api';
import { waitFor } from '../support/infra';
import { APPS, TestStack } from '../support/stack';

const run = promisify(execFile);
const SKUS = ['SCALE-1', 'SCALE-2', 'SCALE-3', 'SCALE-4'];
const ORDERS = 150;

/**
 * Two instances of every service and two gateways, as a load balancer would use them: orders are placed,
 * shipped and canceled through both gateways while one instance of each service and one gateway are
 * SIGKILLed. A request that met the kill is retried on the other gateway with its Idempotency-Key, as a
 * client behind a load balancer does. Then every invariant holds.
 */
describe('several instances of every app', () => {
  const stack = new TestStack();
  let gateways: Api[];
  let extras: { app: string; process: ChildProcess }[];

  beforeAll(async () => {
    await stack.start();
    extras = await Promise.all(APPS.map(async (app) => ({ app, ...(await stack.startInstance(app)) })));
    gateways = [new Api(stack.gatewayUrl), new Api(extras.find((e) => e.app === 'gateway')!.url)];
    for (const sku of SKUS) await gateways[0].put(`/api/inventory/${sku}`, { onHand: 1000 });
  }, 120_000);
  afterAll(() => stack.stop());

  /** Through one gateway, then the other, with the same key, until it is answered (not 5xx, not a dropped connection). */
  const call = async (method: string, path: string, body: unknown, key: string, turn: number) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const api = gateways[(turn + attempt) % 2];
      const response = await api.request(method, path, body, { 'idempotency-key': key }).catch(() => ({ status: 0, body: null }));
      if (response.status > 0 && response.status < 500) return response;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${method} ${path} was never answered`);
  };

  it('settles every order once, keeps stock equal to its ledger and the orders, and drains every queue', async () => {
    const placed: string[] = [];
    let killed = false;
    const place = async (i: number) => {
      const sku = SKUS[i % SKUS.length];
      const response = await call('POST', '/api/orders', orderBody({ items: [{ sku, name: 'Mug', qty: 1 + (i % 3), price: 2 }] }), `place-${i}`, i);
      expect(response.status).toBe(201);
      placed.push(response.body.id);
      if (!killed && placed.length >= ORDERS / 3) {
        killed = true;
        for (const extra of extras) extra.process.kill('SIGKILL'); // one instance of each service and a gateway
      }
    };
    for (let i = 0; i < ORDERS; i += 8) await Promise.all(Array.from({ length: Math.min(8, ORDERS - i) }, (_, k) => place(i + k)));
    expect(killed).toBe(true);
    expect(new Set(placed).size).toBe(ORDERS);

    const orders = stack.db('order-service');
    await waitFor(async () => (await orders.query(`SELECT count(*)::int AS n FROM orders WHERE inventory_status = 'reserving'`)).rows[0].n === 0,
      60_000, 'every order to be settled');
    // a retried placement is the same order: one per key
    expect((await orders.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(ORDERS);

    // ship a third (each request sent twice, to both gateways, with one key), cancel another third
    const toShip = placed.filter((_id, i) => i % 3 === 0);
    const toCancel = placed.filter((_id, i) => i % 3 === 1);
    await Promise.all(toShip.map(async (id, i) => {
      const key = `ship-${id}`;
      const [first, second] = await Promise.all([0, 1].map((turn) => call('POST', `/api/orders/${id}/shipments`, { carrier: 'UPS', trackingNumber: `1Z${i}` }, key, turn)));
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.shipmentId).toBe(first.body.shipmentId);
    }));
    await Promise.all(toCancel.map((id, i) => call('POST', `/api/orders/${id}/cancel`, { reason: 'scale-out test' }, `cancel-${id}`, i)));
    await waitFor(async () => (await orders.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'canceled' AND NOT cancel_pending`)).rows[0].n === toCancel.length,
      60_000, 'every cancel to settle');

    const shipments = stack.db('shipment-service');
    const { rows: perOrder } = await shipments.query('SELECT order_id, count(*)::int AS n FROM shipment GROUP BY 1');
    expect(perOrder).toHaveLength(toShip.length);
    expect(perOrder.filter((row) => row.n !== 1)).toEqual([]);

    const inventory = stack.db('inventory-service');
    await waitFor(async () => {
      const { rows } = await inventory.query(`SELECT count(*)::int AS n FROM shipment_sale`);
      const { rows: released } = await inventory.query(`SELECT count(*)::int AS n FROM order_reservation WHERE status = 'released'`);
      return rows[0].n === toShip.length && released[0].n === toCancel.length;
    }, 60_000, 'inventory to book every sale and release every cancel');
    // stock equals its ledger, and what is reserved equals what the live orders hold
    const { rows: drift } = await inventory.query(`
      SELECT s.sku, s.on_hand, s.reserved, l.on_hand AS ledger_on_hand, l.reserved AS ledger_reserved, h.held
      FROM stock_item s
      JOIN (SELECT sku, 1000 + sum(on_hand_delta) FILTER (WHERE kind <> 'adjustment') AS on_hand, sum(reserved_delta) AS reserved FROM stock_movement GROUP BY sku) l USING (sku)
      LEFT JOIN (SELECT sku, sum(qty - shipped_qty) AS held FROM reservation_line JOIN order_reservation USING (order_id) WHERE status = 'reserved' GROUP BY sku) h USING (sku)
      WHERE s.sku = ANY($1) AND (s.on_hand <> l.on_hand OR s.reserved <> l.reserved OR s.reserved <> coalesce(h.held, 0))`, [SKUS]);
    expect(drift).toEqual([]);
    // no event applied twice: one reservation per order and SKU, one sale per shipment, one release per cancel
    const { rows: twice } = await inventory.query(`
      SELECT kind, coalesce(shipment_id::text, order_id::text) AS what, sku, count(*)::int AS n FROM stock_movement
      WHERE kind IN ('reservation', 'release', 'sale') GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    expect(twice).toEqual([]);
    const { rows: history } = await orders.query(`SELECT order_id, count(*)::int AS n FROM order_activity WHERE type = 'stock_reserved' GROUP BY 1 HAVING count(*) > 1`);
    expect(history).toEqual([]);

    // every queue and every outbox drained
    await waitFor(async () => {
      const { stdout } = await run('rabbitmqctl', ['-q', 'list_queues', '-p', stack.id, 'name', 'messages']);
      return stdout.trim().split('\n').map((line) => line.split('\t')).filter(([name, n]) => name && name !== 'name' && !name.startsWith('amq.') && Number(n) > 0).length === 0;
    }, 60_000, 'every queue to be empty');
    for (const service of ['order-service', 'inventory-service', 'shipment-service', 'notification-service'] as const) {
      expect({ service, unpublished: (await stack.db(service).query('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL')).rows[0].n })
        .toEqual({ service, unpublished: 0 });
    }
  }, 240_000);
});

