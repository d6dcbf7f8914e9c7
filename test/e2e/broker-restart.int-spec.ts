import { Api, orderBody } from '../support/api';
import { restartBroker, waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/**
 * RabbitMQ restarts while orders are being placed. Requests that meet the outage fail fast (503/504);
 * every order that was stored still reaches a final reservation outcome once the broker is back, and
 * nothing is applied twice. Restarts the machine's broker: run in band, not beside other suites.
 */
describe('a broker restart under load', () => {
  const stack = new TestStack();
  let api: Api;

  beforeAll(async () => {
    await stack.start();
    api = new Api(stack.gatewayUrl);
    await api.put('/api/inventory/LOAD-1', { onHand: 100 });
  });
  afterAll(() => stack.stop());

  it('loses no order and applies no event twice', async () => {
    const statuses: number[] = [];
    let placing = true;
    const load = (async () => {
      while (placing) {
        const batch = await Promise.all(
          Array.from({ length: 5 }, () => api.post('/api/orders', orderBody({ items: [{ sku: 'LOAD-1', name: 'Load', qty: 1, price: 1 }] })).catch(() => ({ status: 0 }))),
        );
        statuses.push(...batch.map((r) => r.status));
      }
    })();
    await waitFor(async () => statuses.filter((s) => s === 201).length >= 20, 20_000, 'orders before the restart');
    await restartBroker(2_000);
    const accepted = statuses.length;
    await waitFor(async () => statuses.slice(accepted).filter((s) => s === 201).length >= 20, 60_000, 'orders after the restart');
    placing = false;
    await load;

    expect(statuses.filter((s) => ![201, 503, 504].includes(s))).toEqual([]);
    expect(statuses.some((s) => s !== 201)).toBe(true); // the load really met the outage
    const orders = stack.db('order-service');
    const inventory = stack.db('inventory-service');
    const { rows: [{ n: stored }] } = await orders.query('SELECT count(*)::int AS n FROM orders');
    expect(stored).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);

    await waitFor(async () => {
      const { rows } = await orders.query(`SELECT count(*)::int AS n FROM orders WHERE inventory_status = 'reserving'`);
      return rows[0].n === 0;
    }, 60_000, 'every order to reach a reservation outcome');

    const { rows: outcomes } = await orders.query('SELECT inventory_status, count(*)::int AS n FROM orders GROUP BY 1');
    const reserved = outcomes.find((r) => r.inventory_status === 'reserved')?.n ?? 0;
    const failed = outcomes.find((r) => r.inventory_status === 'failed')?.n ?? 0;
    expect(reserved + failed).toBe(stored);
    expect(reserved).toBe(Math.min(stored, 100));

    const { rows: [stock] } = await inventory.query(`SELECT on_hand, reserved FROM stock_item WHERE sku = 'LOAD-1'`);
    expect(stock).toEqual({ on_hand: 100, reserved });
    const { rows: [ledger] } = await inventory.query(
      `SELECT sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movement WHERE sku = 'LOAD-1'`);
    expect(ledger).toEqual({ on_hand: 100, reserved });
    const { rows: [reservations] } = await inventory.query('SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS orders FROM order_reservation');
    expect(reservations).toEqual({ n: stored, orders: stored });
    for (const db of [orders, inventory]) {
      await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL')).rows[0].n === 0,
        10_000, 'the outboxes to drain');
    }
  });
});
