import { Api, orderBody, tokenFor } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/** The walking skeleton through REST, across the five apps running as separate processes. */
describe('placing an order end to end', () => {
  const stack = new TestStack();
  let api: Api;

  beforeAll(async () => {
    await stack.start();
    api = new Api(stack.gatewayUrl);
  });
  afterAll(() => stack.stop());

  const orderWhen = (id: string, inventoryStatus: string) =>
    waitFor(async () => {
      const { body } = await api.get(`/api/orders/${id}`);
      return body.inventoryStatus === inventoryStatus ? body : null;
    }, 20_000, `order ${id} to be ${inventoryStatus}`);

  it('reserves stock for an order and shows it on the order', async () => {
    expect((await api.put('/api/inventory/MUG-1', { onHand: 10, lowStockThreshold: 2 })).body).toMatchObject({ sku: 'MUG-1', onHand: 10, reserved: 0, available: 10 });

    const placed = await api.post('/api/orders', orderBody({
      items: [{ sku: 'MUG-1', name: 'Mug', qty: 3, price: 9.99, taxAmount: 5.7 }],
      shippingFee: 4.95,
    }), { 'x-correlation-id': 'corr-skeleton-1' });
    expect(placed.status).toBe(201);
    expect(placed.headers.get('x-correlation-id')).toBe('corr-skeleton-1');
    expect(placed.body).toMatchObject({
      orderNumber: expect.stringMatching(/^ORD-\d{6}$/),
      currency: 'EUR',
      inventoryStatus: 'reserving',
      status: { code: 'pending', name: 'Pending' },
      paymentStatus: { code: 'pending' },
      shipmentStatus: { code: 'pending' },
      subTotal: 29.97,
      taxAmount: 5.7,
      shippingFee: 4.95,
      grandTotal: 40.62,
      totalQty: 3,
    });

    const order = await orderWhen(placed.body.id, 'reserved');
    expect(order.activities.map((a: { message: string }) => a.message)).toEqual([`Order ${order.orderNumber} placed`, 'Stock reserved for every item']);
    expect((await api.get(`/api/orders/${order.orderNumber}`)).body.id).toBe(order.id);
    expect((await api.get('/api/inventory/MUG-1')).body).toMatchObject({ onHand: 10, reserved: 3, available: 7 });

    // the correlation id of the request travelled through the outbox into the inventory service's event
    const { rows } = await stack.db('inventory-service').query(
      `SELECT envelope FROM outbox_message WHERE routing_key = 'inventory.reserved' AND envelope->'payload'->>'orderId' = $1`,
      [order.id],
    );
    expect(rows[0].envelope.correlationId).toBe('corr-skeleton-1');
  });

  it('cancels an order it cannot reserve, naming the short SKU, and reserves nothing', async () => {
    await api.put('/api/inventory/RARE-1', { onHand: 1 });
    await api.put('/api/inventory/MANY-1', { onHand: 100 });
    const placed = await api.post('/api/orders', orderBody({
      items: [
        { sku: 'MANY-1', name: 'Plenty', qty: 5, price: 1 },
        { sku: 'RARE-1', name: 'Rare', qty: 2, price: 1 },
        { sku: 'NOPE-1', name: 'Unknown', qty: 1, price: 1 },
      ],
    }));
    const order = await orderWhen(placed.body.id, 'failed');
    expect(order.status.code).toBe('canceled');
    expect(order.paymentStatus.code).toBe('canceled');
    expect(order.shipmentStatus.code).toBe('canceled');
    expect(order.cancelReason).toBe('Out of stock: RARE-1 (requested 2, available 1), NOPE-1 (requested 1, available 0)');
    expect(order.activities.at(-1)).toMatchObject({ message: `Order canceled. ${order.cancelReason}`, customerNotified: true });
    expect((await api.get('/api/inventory/MANY-1')).body).toMatchObject({ onHand: 100, reserved: 0 });
  });

  it('places 200 concurrent orders for 50 units: exactly 50 reserved, the rest canceled with the reason', async () => {
    await api.put('/api/inventory/HOT-1', { onHand: 50 });
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => api.post('/api/orders', orderBody({ items: [{ sku: 'HOT-1', name: 'Hot', qty: 1, price: 5 }] }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const ids = responses.map((r) => r.body.id);
    const inventoryDb = stack.db('inventory-service');
    await waitFor(async () => {
      const { rows } = await stack.db('order-service').query(
        `SELECT inventory_status, count(*)::int AS n FROM orders WHERE id = ANY($1) GROUP BY 1`, [ids]);
      const counts = Object.fromEntries(rows.map((r) => [r.inventory_status, r.n]));
      return counts.reserved === 50 && counts.failed === 150 ? counts : null;
    }, 60_000, '200 outcomes');
    const { rows: canceled } = await stack.db('order-service').query(
      `SELECT DISTINCT status, cancel_reason FROM orders WHERE id = ANY($1) AND inventory_status = 'failed'`, [ids]);
    expect(canceled).toEqual([{ status: 'canceled', cancel_reason: 'Out of stock: HOT-1 (requested 1, available 0)' }]);
    expect((await api.get('/api/inventory/HOT-1')).body).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    const { rows: [ledger] } = await inventoryDb.query(
      `SELECT sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movement WHERE sku = 'HOT-1'`);
    expect(ledger).toEqual({ on_hand: 50, reserved: 50 });
  });

  it('creates one order for retries with the same Idempotency-Key, even concurrent ones', async () => {
    const body = orderBody({ items: [{ sku: 'MUG-1', name: 'Mug', qty: 1, price: 9.99 }] });
    const key = { 'idempotency-key': `key-${stack.id}` };
    const [first, second] = await Promise.all([api.post('/api/orders', body, key), api.post('/api/orders', body, key)]);
    const third = await api.post('/api/orders', body, key);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.id, second.body.id, third.body.id]).size).toBe(1);
    const { rows } = await stack.db('order-service').query('SELECT count(*)::int AS n FROM orders WHERE id = $1', [first.body.id]);
    expect(rows[0].n).toBe(1);

    const reused = await api.post('/api/orders', { ...body, notes: 'different' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('numbers concurrent orders uniquely', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, () => api.post('/api/orders', orderBody())));
    const numbers = responses.map((r) => r.body.orderNumber);
    expect(new Set(numbers).size).toBe(30);
  });

  it('shows a customer its own order and hides everyone else’s behind a 404', async () => {
    const alice = api.as(tokenFor('customer', 'alice'));
    const mine = await api.as(tokenFor('checkout')).post('/api/orders', orderBody({ customer: { id: 'alice', email: 'alice@example.com', fullName: 'Alice' } }));
    expect(mine.status).toBe(201);
    expect(mine.body.customer.id).toBe('alice');
    expect((await alice.get(`/api/orders/${mine.body.id}`)).status).toBe(200);

    const bob = api.as(tokenFor('customer', 'bob'));
    const hidden = await bob.get(`/api/orders/${mine.body.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.contentType).toContain('application/problem+json');

    // prices come from the shop: a customer cannot place an order at prices of its choosing
    const atOwnPrice = await bob.post('/api/orders', orderBody({ customer: { id: 'bob', email: 'b@example.com', fullName: 'B' }, items: [{ sku: 'MUG-1', name: 'Mug', qty: 1, price: 0 }] }));
    expect(atOwnPrice.status).toBe(403);
    expect(atOwnPrice.body.detail).toMatch(/checkout or admin|admin or checkout/);
    expect((await bob.put('/api/inventory/MUG-1', { onHand: 1 })).status).toBe(403);
  });
});
