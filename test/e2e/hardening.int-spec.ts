import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { LIMITS } from '@oms/contracts';
import { Api, ApiResponse, orderBody, tokenFor } from '../support/api';
import { waitFor } from '../support/infra';
import { JWT_SECRET, TestStack } from '../support/stack';

/**
 * Input hardening: each repro of the fuzzing report as a regression test, then a property test over the
 * order, shipment, payment and inventory bodies and the list queries: never a 5xx, and a refused
 * request writes nothing.
 */
describe('hardening', () => {
  const stack = new TestStack();
  let api: Api;
  let order: { id: string; orderNumber: string; items: { orderItemId: string }[] };

  beforeAll(async () => {
    await stack.start();
    api = new Api(stack.gatewayUrl);
    await api.put('/api/inventory/SKU-1', { onHand: 1000 });
    order = (await api.post('/api/orders', orderBody({ items: [{ sku: 'SKU-1', name: 'Mug', qty: 5, price: 9.99 }] }))).body;
    await waitFor(async () => (await api.get(`/api/orders/${order.id}`)).body.inventoryStatus === 'reserved', 10_000, 'the reservation');
  });
  afterAll(() => stack.stop());

  /** What a refused request must leave unchanged: every table a request could write. */
  const counts = async () => {
    const count = async (app: 'order-service' | 'inventory-service' | 'shipment-service', sql: string) => (await stack.db(app).query(sql)).rows[0].n as number;
    return [
      await count('order-service', 'SELECT count(*)::int AS n FROM orders'),
      await count('order-service', 'SELECT count(*)::int AS n FROM order_activity'),
      await count('order-service', 'SELECT count(*)::int AS n FROM payment_transaction'),
      await count('order-service', 'SELECT count(*)::int AS n FROM outbox_message'),
      await count('inventory-service', 'SELECT count(*)::int AS n FROM stock_movement'),
      await count('inventory-service', 'SELECT count(*)::int AS n FROM stock_item'),
      await count('shipment-service', 'SELECT count(*)::int AS n FROM shipment'),
    ];
  };
  /** The counts once the events of earlier requests have settled (two equal readings in a row). */
  const footprint = async () => {
    let last = await counts();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const next = await counts();
      if (JSON.stringify(next) === JSON.stringify(last)) return next;
      last = next;
    }
  };
  const expectProblem = (response: ApiResponse, status: number, field?: string) => {
    expect({ status: response.status, type: response.contentType }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
    if (field) expect(response.body.errors?.map((e: { field: string }) => e.field)).toContain(field);
  };
  const raw = (path: string, init: RequestInit & { headers?: Record<string, string> }) =>
    fetch(`${stack.gatewayUrl}${path}`, { ...init, headers: { authorization: `Bearer ${tokenFor('admin')}`, ...init.headers } });

  describe('bodies that cannot be read', () => {
    it.each([
      ['an unsupported charset', { 'content-type': 'application/json; charset=latin1' }, '{}', 415],
      ['a gzip header on plain JSON', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"a":1}', 400],
      ['an unknown content encoding', { 'content-type': 'application/json', 'content-encoding': 'br2' }, '{"a":1}', 415],
      ['a body over the limit', { 'content-type': 'application/json' }, JSON.stringify({ notes: 'x'.repeat(2.5 * 1024 * 1024) }), 413],
      ['malformed JSON', { 'content-type': 'application/json' }, '{"a":', 400],
    ])('answers %s with a problem carrying the correlation id', async (_, headers, body, status) => {
      const before = await footprint();
      const response = await raw('/api/orders', { method: 'POST', headers: { ...headers, 'x-correlation-id': 'corr-hardening-1' }, body });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('x-correlation-id')).toBe('corr-hardening-1');
      expect(await footprint()).toEqual(before);
    });

    it('still reads real gzip bodies', async () => {
      const response = await raw('/api/orders', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify(orderBody())) });
      expect(response.status).toBe(201);
    });

    it('refuses deep nesting and huge key counts quickly, and stays responsive', async () => {
      let deep = '1';
      for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
      expectProblem(await api.post('/api/orders', `{"metadata":${deep}}`), 400, `metadata${'.a'.repeat(16)}`);
      const wide = JSON.stringify({ ...orderBody(), metadata: Object.fromEntries(Array.from({ length: 85_000 }, (_, i) => [`k${i}`, i])) });
      const [refused, live] = await Promise.all([api.post('/api/orders', wide), api.as(null).get('/health/live')]);
      expectProblem(refused, 400, 'metadata');
      expect(live.status).toBe(200);
    });
  });

  describe('text PostgreSQL or JSON cannot carry', () => {
    it.each([
      ['a NUL in an activity', () => api.post(`/api/orders/${order.id}/activities`, { message: 'a\u0000b', customerNotified: false }), 'message'],
      ['a NUL in a search', () => api.get('/api/orders?q=abc%00'), 'q'],
      ['a NUL in an address', () => api.post('/api/orders', orderBody({ shippingAddress: { fullName: 'A', address1: 'Main\u0000', city: 'B', country: 'DE' } })), 'shippingAddress.address1'],
      ['an unpaired surrogate in a name', () => api.post('/api/orders', '{"customer":{"email":"a@b.de","fullName":"R\\ud800"}}'), 'customer.fullName'],
      ['an unpaired surrogate in an email', () => api.post('/api/orders', '{"customer":{"email":"a\\udc00@b.de","fullName":"R"}}'), 'customer.email'],
      ['a prototype key', () => api.post('/api/inventory/SKU-1/adjustments', '{"__proto__": {"x": 1}, "delta": 1, "reason": "x"}'), '__proto__'],
    ])('refuses %s with 400 naming the field', async (_, send, field) => {
      const before = await footprint();
      expectProblem(await send(), 400, field);
      expect(await footprint()).toEqual(before);
    });
  });

  describe('cursors, dates and numbers', () => {
    it('refuses a cursor made for another sort, and forged ones', async () => {
      await api.post('/api/orders', orderBody());
      const page = await api.get('/api/orders?limit=1');
      expect(page.body.nextCursor).toEqual(expect.any(String));
      expect(page.body.items[0].uuid).toBe(page.body.items[0].id);
      expectProblem(await api.get(`/api/orders?limit=1&sort=grandTotal&cursor=${page.body.nextCursor}`), 400, 'cursor');
      expectProblem(await api.get(`/api/orders?limit=1&order=asc&cursor=${page.body.nextCursor}`), 400, 'cursor');
      expect((await api.get(`/api/orders?limit=1&cursor=${page.body.nextCursor}`)).status).toBe(200);
      const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
      const uuid = '00000000-0000-4000-8000-000000000000';
      for (const key of [['createdAt', 'desc', 'not-a-date', uuid], ['grandTotal', 'desc', '1e400', uuid], ['createdAt', 'desc', '294277-01-01 00:00:00+00', uuid],
        ['createdAt', 'desc', '2024-01-01 00:00:00+00\u0000', uuid], ['not-a-date', uuid], [1e308, uuid]]) {
        const sort = key[0] === 'grandTotal' ? '&sort=grandTotal' : '';
        expectProblem(await api.get(`/api/orders?cursor=${forge(key)}${sort}`), 400, 'cursor');
      }
      expectProblem(await api.get(`/api/inventory?cursor=${forge(['SKU\u0000'])}`), 400, 'cursor');
    });

    it.each(['2024', '2024-01', '2024-W01-1', '2024-01-01T10', '-2024-01-01', '2024-01-01T10:00'])('refuses createdFrom=%s', async (date) => {
      expectProblem(await api.get(`/api/orders?createdFrom=${encodeURIComponent(date)}`), 400, 'createdFrom');
      expectProblem(await api.get(`/api/orders/stats?createdTo=${encodeURIComponent(date)}`), 400, 'createdTo');
    });

    it('accepts a day and a zoned date-time', async () => {
      expect((await api.get('/api/orders?createdFrom=2024-01-01&createdTo=2030-01-01T00:00:00%2B02:00')).status).toBe(200);
    });

    it('refuses dates of reconciliations and tracking updates that the database cannot read', async () => {
      expectProblem(await api.post('/api/payments/reconciliations?from=2024-100', [{ reference: 'r', orderNumber: 'o', type: 'capture', amount: 1, currency: 'EUR', settledAt: '2026-11-24' }]), 400, 'from');
      const shipment = await api.post(`/api/orders/${order.id}/shipments`, { carrier: 'ups', items: [{ orderItemId: order.items[0].orderItemId, qty: 1 }] });
      expect(shipment.status).toBe(201);
      expectProblem(await api.request('PATCH', `/api/orders/${order.id}/shipments/${shipment.body.shipmentId}`, { status: 'in_transit', occurredAt: '2024-W01-1' }), 400, 'occurredAt');
    });

    it.each([
      ['qty: 3000000000', { items: [{ sku: 'SKU-1', name: 'Mug', qty: 3_000_000_000, price: 1 }] }, 'items[0].qty'],
      ['qty: 1e308', { items: [{ sku: 'SKU-1', name: 'Mug', qty: 1e308, price: 1 }] }, 'items[0].qty'],
      ['weight: 1e11', { items: [{ sku: 'SKU-1', name: 'Mug', qty: 1, price: 1, weight: 1e11 }] }, 'items[0].weight'],
      ['price: 1e15', { items: [{ sku: 'SKU-1', name: 'Mug', qty: 1, price: 1e15 }] }, 'items[0].price'],
      ['51 metadata keys', { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }, 'metadata'],
      ['an array as the customer', { customer: [] }, 'customer'],
      ['an array as the address', { shippingAddress: [] }, 'shippingAddress'],
    ])('refuses an order with %s, writing nothing', async (_, overrides, field) => {
      const before = await footprint();
      expectProblem(await api.post('/api/orders', orderBody(overrides)), 400, field);
      expect(await footprint()).toEqual(before);
    });

    it('keeps stock within what its columns hold', async () => {
      expectProblem(await api.put('/api/inventory/BIG-1', { onHand: 10, lowStockThreshold: 3_000_000_000 }), 400, 'lowStockThreshold');
      expect((await api.put('/api/inventory/BIG-1', { onHand: LIMITS.stockUnits })).status).toBe(200);
      const before = await footprint();
      expectProblem(await api.post('/api/inventory/BIG-1/adjustments', { delta: 1, reason: 'count' }), 409);
      expect(await footprint()).toEqual(before);
    });

    it('refuses reconciliation bodies that are not rows, and reports over the row limit', async () => {
      const notRows = await api.post('/api/payments/reconciliations', [[]]);
      expectProblem(notRows, 400, 'rows');
      expect(notRows.body.errors[0].message).toBe('each of rows must be an object');
      const row = { reference: 'r', orderNumber: 'o', type: 'capture', amount: 1, currency: 'EUR', settledAt: '2026-11-24' };
      expectProblem(await api.post('/api/payments/reconciliations', Array.from({ length: LIMITS.settlementRows + 1 }, (_, i) => ({ ...row, reference: `r${i}` }))), 400, 'rows');
    });
  });

  describe('names looked up in configuration', () => {
    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('treats %s as the unknown name it is', async (name) => {
      expectProblem(await api.get(`/api/orders?status=${name}`), 400, 'status');
      const webhook = await api.as(null).post(`/api/webhooks/payments/${name}`, { id: 'e' }, { 'x-oms-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'a'.repeat(64)}` });
      expectProblem(webhook, 404);
    });

    it('gives a shipment with an unknown carrier no tracking link', async () => {
      const shipment = await api.post(`/api/orders/${order.id}/shipments`, { carrier: 'constructor', trackingNumber: '1', items: [{ orderItemId: order.items[0].orderItemId, qty: 1 }] });
      expect(shipment.status).toBe(201);
      expect(shipment.body.trackingUrl).toBeNull();
    });
  });

  describe('who may do what', () => {
    it('lets the checkout place orders and refuses customers, whatever the price', async () => {
      const customer = api.as(tokenFor('customer', 'customer-1'));
      expectProblem(await customer.post('/api/orders', orderBody({ items: [{ sku: 'SKU-1', name: 'Mug', qty: 449, price: 0 }] })), 403);
      expect((await api.as(tokenFor('checkout')).post('/api/orders', orderBody())).status).toBe(201);
    });

    it.each([
      ['a token without exp', jwt.sign({ role: 'admin' }, JWT_SECRET, { subject: 'x' })],
      ['a token living longer than allowed', jwt.sign({ role: 'admin' }, JWT_SECRET, { subject: 'x', expiresIn: '400d' })],
    ])('refuses %s', async (_, token) => {
      expectProblem(await api.as(token).get('/api/orders'), 401);
    });

    it('keys a shipment’s idempotency by the order, not by how the path names it', async () => {
      const placed = (await api.post('/api/orders', orderBody({ items: [{ sku: 'SKU-1', name: 'Mug', qty: 4, price: 1 }] }))).body;
      await waitFor(async () => (await api.get(`/api/orders/${placed.id}`)).body.inventoryStatus === 'reserved', 10_000, 'the reservation');
      const body = { carrier: 'ups', items: [{ orderItemId: placed.items[0].orderItemId, qty: 1 }] };
      const byUuid = await api.post(`/api/orders/${placed.id}/shipments`, body, { 'idempotency-key': 'ship-once' });
      const byNumber = await api.post(`/api/orders/${placed.orderNumber}/shipments`, body, { 'idempotency-key': 'ship-once' });
      expect(byUuid.status).toBe(201);
      expect(byNumber.body.shipmentId).toBe(byUuid.body.shipmentId);
      expect((await api.get(`/api/orders/${placed.id}/shipments`)).body.items).toHaveLength(1);
    });
  });

  describe('property: any input gets a 2xx or a 4xx problem, and a refused request writes nothing', () => {
    // values that are valid, near the edges, or anything at all
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('constructor', '__proto__', '', ' ', 'a\u0000b', 'R\ud800'));
    const number = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ noNaN: true }), fc.constantFrom(0, 0.001, 3_000_000_000, 1e308, -1));
    const anything = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.jsonValue({ maxDepth: 2 }));
    const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anything });
    const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
    const address = field(fc.record({ fullName: field(fc.constant('Ann')), address1: field(fc.constant('Main 1')), city: field(fc.constant('Berlin')), country: field(fc.constantFrom('DE', 'XX')) }));
    const line = field(fc.record({ sku: field(fc.constantFrom('SKU-1', 'NOPE')), name: field(fc.constant('Mug')), qty: field(fc.integer({ min: 1, max: 3 })), price: field(fc.constantFrom(1, 9.99, 0)), weight: optional(number), variantOptions: optional(anything) }));
    const orderArb = fc.record({
      customer: field(fc.record({ email: field(fc.constant('ann@example.com')), fullName: field(fc.constant('Ann')), id: optional(text) })),
      currency: field(fc.constantFrom('EUR', 'JPY', 'XXX')),
      items: field(fc.array(line, { minLength: 1, maxLength: 3 })),
      shippingAddress: address,
      billingAddress: address,
      paymentMethod: field(fc.constant('card')),
      shippingFee: optional(number),
      discountAmount: optional(number),
      metadata: optional(anything),
      orderType: optional(field(fc.constantFrom('regular', 'pre_order'))),
      estimatedFulfillmentDate: optional(field(fc.constantFrom('2030-01-01', '2024-W01-1', '2023-02-29'))),
    });
    const send = async (request: () => Promise<ApiResponse>) => {
      const before = await footprint();
      const response = await request();
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) {
        expect(response.contentType).toContain('application/problem+json');
        expect(await counts()).toEqual(before);
      }
    };
    const runs = { numRuns: 40, endOnFailure: true };

    it('places orders', () => fc.assert(fc.asyncProperty(orderArb, (body) => send(() => api.post('/api/orders', body))), runs));

    it('ships, records payments and refunds', () =>
      fc.assert(
        fc.asyncProperty(
          fc.record({ carrier: field(fc.constantFrom('ups', 'constructor')), trackingNumber: optional(text), items: optional(field(fc.array(field(fc.record({ orderItemId: field(fc.constant(order.items[0].orderItemId)), qty: field(fc.integer({ min: 1, max: 2 })) })), { maxLength: 2 }))) }),
          fc.record({ type: field(fc.constantFrom('authorization', 'capture', 'void', 'failure')), amount: field(number), provider: field(fc.constant('stripe')), reference: field(text) }),
          fc.record({ amount: field(number), reason: field(text), items: optional(anything) }),
          fc.constantFrom(order.id, order.orderNumber, 'constructor'),
          async (shipment, payment, refund, ref) => {
            await send(() => api.post(`/api/orders/${ref}/shipments`, shipment));
            await send(() => api.post(`/api/orders/${ref}/payments`, payment));
            await send(() => api.post(`/api/orders/${ref}/refunds`, refund));
          },
        ),
        runs,
      ));

    it('sets and adjusts stock', () =>
      fc.assert(
        fc.asyncProperty(
          fc.constantFrom('FUZZ-1', 'constructor', '__proto__', 'a%00b'),
          fc.record({ onHand: field(fc.integer({ min: 0, max: 100 })), lowStockThreshold: optional(number), allowBackorder: optional(anything) }),
          fc.record({ delta: field(fc.integer({ min: -5, max: 5 })), reason: field(text) }),
          async (sku, level, adjustment) => {
            await send(() => api.put(`/api/inventory/${sku}`, level));
            await send(() => api.post(`/api/inventory/${sku}/adjustments`, adjustment));
          },
        ),
        runs,
      ));

    it('lists orders with any query', () =>
      fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('status', 'paymentStatus', 'q', 'createdFrom', 'createdTo', 'sort', 'order', 'limit', 'cursor', 'includeTotal', 'customerEmail', 'toString'), text, { maxKeys: 4 }),
          async (query) => send(() => api.get(`/api/orders?${new URLSearchParams(query)}`)),
        ),
        runs,
      ));
  });
});
