import jwt from 'jsonwebtoken';
import { Api, orderBody, tokenFor } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/** The gateway's conventions: auth, problem+json for every bad input with nothing written, timeouts, docs, ops. */
describe('gateway contract', () => {
  const stack = new TestStack({ gateway: { RPC_TIMEOUT_MS: '1500' } });
  let api: Api;

  beforeAll(async () => {
    await stack.start();
    api = new Api(stack.gatewayUrl);
    await api.put('/api/inventory/SKU-1', { onHand: 10 });
  });
  afterAll(() => stack.stop());

  const orderCount = async () => (await stack.db('order-service').query('SELECT count(*)::int AS n FROM orders')).rows[0].n;
  const expectProblem = (response: { status: number; contentType: string; body: any }, status: number, code?: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(response.status).toBe(status);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, type: expect.stringContaining('https://'), title: expect.any(String), detail: expect.any(String) });
    if (code) expect(response.body.code).toBe(code);
  };

  describe('authentication and roles', () => {
    it.each([
      ['no token', null],
      ['a token signed with another secret', tokenFor('admin', 'x', 'another-secret-of-enough-length')],
      ['an expired token', jwt.sign({ role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, 'test-secret-of-sufficient-length', { subject: 'x' })],
      ['a token without a known role', jwt.sign({ role: 'root' }, 'test-secret-of-sufficient-length', { subject: 'x' })],
      ['a token without a subject', jwt.sign({ role: 'admin' }, 'test-secret-of-sufficient-length')],
    ])('answers 401 to %s', async (_, token) => {
      expectProblem(await api.as(token).get('/api/orders/ORD-000001'), 401, 'unauthorized');
    });

    it('answers 403 to a customer on an admin route', async () => {
      expectProblem(await api.as(tokenFor('customer')).put('/api/inventory/SKU-1', { onHand: 1 }), 403, 'forbidden');
    });

    it('needs no token for health and the API docs, and serves metrics only on their own port', async () => {
      const anonymous = api.as(null);
      expect((await anonymous.get('/health/live')).status).toBe(200);
      expect((await anonymous.get('/health/ready')).body).toMatchObject({ status: 'ok', checks: { broker: { status: 'up' } } });
      expectProblem(await anonymous.get('/metrics'), 404, 'not_found');
      const metrics = await fetch(stack.metricsUrl);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('service="gateway"');
      const docs = await anonymous.get('/api/docs-json');
      // every query parameter, from the DTOs, and the roles of each operation
      const listOrders = docs.body.paths['/api/orders'].get;
      expect(listOrders.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'q', 'createdFrom', 'sort', 'limit', 'cursor', 'includeTotal']));
      expect(listOrders['x-roles']).toEqual(['admin']);
      expect(docs.body.paths['/api/orders'].post['x-roles']).toEqual(['admin', 'checkout']);
      expect(docs.body.paths['/api/orders/{id}/cancel'].post.description).toContain('Roles: admin, checkout, customer.');
      expect(docs.body.paths['/api/inventory/{sku}/movements'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['sku', 'limit', 'cursor']));
      expect(docs.body.components.schemas.OrderLineDto.properties.qty).toMatchObject({ maximum: 10_000 });
      // every operation documents its success body and its problems, and every reference resolves
      for (const [path, operations] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>(docs.body.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const codes = Object.keys(operation.responses);
          const success = codes.find((code) => /^2/.test(code));
          expect({ path, method, success: success && Object.values(operation.responses[success].content ?? {})[0]?.schema !== undefined }).toEqual({ path, method, success: true });
          expect({ path, method, problem: operation.responses['400']?.content?.['application/problem+json'] }).toEqual({ path, method, problem: { schema: { $ref: '#/components/schemas/Problem' } } });
        }
      }
      const refs = [...JSON.stringify(docs.body).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
      expect(refs.filter((name) => !docs.body.components.schemas[name])).toEqual([]);
      expect(docs.body.components.schemas.OrderView.properties).toMatchObject({ uuid: { type: 'string' }, items: { type: 'array' } });
      expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining([
        '/api/orders', '/api/orders/{id}', '/api/inventory/{sku}', '/api/orders/{id}/payments', '/api/orders/{id}/refunds',
        '/api/webhooks/payments/{provider}', '/api/payments/reconciliations', '/api/payments/reconciliations/{id}',
      ]));
      expect(docs.body.components.schemas.PlaceOrderDto.required).toEqual(expect.arrayContaining(['customer', 'currency', 'items', 'paymentMethod']));
      // the settlement report's body refers to its row schema, which the validators generate
      expect(docs.body.paths['/api/payments/reconciliations'].post.requestBody.content['text/csv']).toBeDefined();
      expect(docs.body.components.schemas.SettlementRowDto.required).toEqual(expect.arrayContaining(['reference', 'orderNumber', 'type', 'amount', 'currency', 'settledAt']));
    });
  });

  describe('bad input is a 4xx problem and writes nothing', () => {
    let before: number;
    beforeAll(async () => {
      before = await orderCount();
    });
    afterAll(async () => {
      expect(await orderCount()).toBe(before);
    });

    it('refuses malformed JSON', async () => {
      expectProblem(await api.post('/api/orders', '{"customer":'), 400);
    });

    it('refuses a body that is not an object', async () => {
      expectProblem(await api.post('/api/orders', [orderBody()]), 400, 'validation_failed');
    });

    it('lists every field error, unknown fields included', async () => {
      const response = await api.post('/api/orders', { ...orderBody(), currency: 'EURO', items: [{ sku: '', name: 'x', qty: 0, price: -1 }], shippingAddress: undefined, surprise: true });
      expectProblem(response, 400, 'validation_failed');
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['surprise', 'currency', 'items[0].sku', 'items[0].qty', 'items[0].price', 'shippingAddress']));
    });

    it('refuses amounts finer than the currency allows, naming the field', async () => {
      const response = await api.post('/api/orders', orderBody({ items: [{ sku: 'SKU-1', name: 'Mug', qty: 1, price: 10.001 }] }));
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors).toEqual([{ field: 'items[0].price', message: expect.stringContaining('2 decimal places') }]);
      expectProblem(await api.post('/api/orders', orderBody({ currency: 'JPY', items: [{ sku: 'SKU-1', name: 'Mug', qty: 1, price: 5.5 }], shippingFee: 0 })), 400);
    });

    it('refuses stated totals that disagree with the lines (422)', async () => {
      const response = await api.post('/api/orders', orderBody({ grandTotal: 1 }));
      expectProblem(response, 422, 'totals_mismatch');
      expect(response.body.errors).toEqual([{ field: 'grandTotal', message: expect.any(String) }]);
    });

    it('refuses an Idempotency-Key that is not visible ASCII', async () => {
      expectProblem(await api.post('/api/orders', orderBody(), { 'idempotency-key': 'x'.repeat(300) }), 400);
    });

    it('refuses a malformed order reference and answers 404 for an unknown one', async () => {
      expectProblem(await api.get('/api/orders/not%20valid!'), 400, 'validation_failed');
      expectProblem(await api.get('/api/orders/ORD-999999'), 404, 'not_found');
      expectProblem(await api.get('/api/orders/1f0a7c1e-0000-4000-8000-000000000000'), 404, 'not_found');
    });

    it('refuses bad stock input and leaves the SKU untouched', async () => {
      expectProblem(await api.put('/api/inventory/bad%20sku', { onHand: 1 }), 400);
      const negative = await api.put('/api/inventory/NEW-1', { onHand: -1, extra: 1 });
      expectProblem(negative, 400, 'validation_failed');
      expect(negative.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'onHand']);
      expectProblem(await api.put('/api/inventory/NEW-1', { onHand: 1.5 }), 400);
      expectProblem(await api.get('/api/inventory/NEW-1'), 404, 'not_found');
    });

    it('refuses to set on hand below what is reserved (409) and changes nothing', async () => {
      await api.put('/api/inventory/RES-1', { onHand: 5 });
      const placed = await api.post('/api/orders', orderBody({ items: [{ sku: 'RES-1', name: 'R', qty: 4, price: 1 }] }));
      before++;
      await waitFor(async () => (await api.get(`/api/orders/${placed.body.id}`)).body.inventoryStatus === 'reserved', 10_000, 'reservation');
      expectProblem(await api.put('/api/inventory/RES-1', { onHand: 3 }), 409, 'conflict');
      expect((await api.get('/api/inventory/RES-1')).body).toMatchObject({ onHand: 5, reserved: 4 });
    });

    it('answers an unknown route with a problem', async () => {
      expectProblem(await api.get('/api/nothing-here'), 404);
    });
  });

  describe('a service that does not answer', () => {
    it('turns into a 504 at the deadline, and the expired request is never acted on later', async () => {
      await stack.stopApp('order-service');
      const started = Date.now();
      expectProblem(await api.post('/api/orders', orderBody({ notes: 'sent while the order service was down' })), 504, 'service_timeout');
      expect(Date.now() - started).toBeLessThan(4_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the request expire in its queue
      await stack.startApp('order-service');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const { rows } = await stack.db('order-service').query(`SELECT count(*)::int AS n FROM orders WHERE notes LIKE 'sent while%'`);
      expect(rows[0].n).toBe(0);
      expect((await api.post('/api/orders', orderBody())).status).toBe(201);
    });

    it('rolls back work that outlives the deadline, so a 504 changes nothing', async () => {
      const placed = (await api.post('/api/orders', orderBody())).body;
      // hold the order's row lock past the gateway's deadline (1.5 s): the payment waits, then cannot commit
      const holder = await stack.db('order-service').connect();
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [placed.id]);
      const payment = api.post(`/api/orders/${placed.id}/payments`, { type: 'capture', amount: 1, provider: 'stripe', reference: 'late-1' });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await holder.query('COMMIT');
      holder.release();
      expectProblem(await payment, 504, 'service_timeout');
      await new Promise((resolve) => setTimeout(resolve, 500)); // the service finishes and rolls back
      const { rows } = await stack.db('order-service').query('SELECT count(*)::int AS n FROM payment_transaction WHERE order_id = $1', [placed.id]);
      expect(rows[0].n).toBe(0);
      expect((await api.post(`/api/orders/${placed.id}/payments`, { type: 'capture', amount: 1, provider: 'stripe', reference: 'late-1' })).status).toBe(201);
    });
  });
});

describe('a gateway that cannot reach the broker', () => {
  const stack = new TestStack({ gateway: { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' } });
  beforeAll(() => stack.start(['gateway']));
  afterAll(() => stack.stop());

  it('is not ready and answers 503 instead of hanging', async () => {
    const api = new Api(stack.gatewayUrl);
    expect((await api.get('/health/ready')).status).toBe(503);
    const response = await api.post('/api/orders', orderBody());
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('service_unavailable');
  });
});
