import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { signOrderStatusToken } from '@oms/platform';
import { Api, orderBody } from '../support/api';
import { waitFor } from '../support/infra';
import { STAFF, staffUsersFile, writeStaffUsers } from '../support/staff';
import { TestStack } from '../support/stack';

const LINK_SECRET = 'test-order-link-secret-0123456789';

/** An identity provider's JWKS endpoint with one RSA key. */
class Jwks {
  private server?: Server;
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  url = '';

  async start() {
    const jwk = { ...(this.keys.publicKey as KeyObject).export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' };
    this.server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  sign(claims: object, kid = 'key-1', issuer = 'https://id.shop.test') {
    return jwt.sign(claims, this.keys.privateKey, { algorithm: 'RS256', keyid: kid, issuer, expiresIn: '10m', subject: 'staff-7' });
  }

  stop() {
    return new Promise((resolve) => this.server?.close(resolve));
  }
}

/** Staff sign-in, tokens from an identity provider, the customer's order page API, live updates and the served web app. */
describe('staff sign-in and the customer order page', () => {
  const jwks = new Jwks();
  let stack: TestStack;
  let api: Api;
  let anonymous: Api;
  let usersFile: string;

  beforeAll(async () => {
    await jwks.start();
    usersFile = await staffUsersFile();
    stack = new TestStack({
      gateway: { STAFF_USERS_FILE: usersFile, LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '60', JWT_JWKS_URL: jwks.url, JWT_ISSUER: 'https://id.shop.test', ORDER_LINK_SECRET: LINK_SECRET },
      'notification-service': { ORDER_LINK_SECRET: LINK_SECRET },
    });
    await stack.start();
    api = new Api(stack.gatewayUrl);
    anonymous = api.as(null);
  });
  afterAll(async () => {
    await stack.stop();
    await jwks.stop();
  });

  const login = (email: string, password: string, from = '10.0.0.1') => anonymous.post('/api/auth/login', { email, password }, { 'x-forwarded-for': from });

  it('signs staff in with a token the API takes, and refuses a wrong password or an unknown account alike', async () => {
    const ok = await login(STAFF.email.toUpperCase(), STAFF.password);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toEqual({ email: STAFF.email, name: STAFF.name, role: 'admin' });
    expect(Date.parse(ok.body.expiresAt)).toBeGreaterThan(Date.now());
    expect((await api.as(ok.body.token).get('/api/orders')).status).toBe(200);

    const wrong = await login(STAFF.email, 'guess');
    const unknown = await login('nobody@shop.test', STAFF.password);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.contentType).toContain('application/problem+json');
  });

  it('names the bad fields of a sign-in', async () => {
    const response = await anonymous.post('/api/auth/login', { email: 'not-an-email' });
    expect(response.status).toBe(400);
    expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['email', 'password']);
  });

  it('throttles an account after repeated failures, with Retry-After, even with the right password', async () => {
    const email = 'throttled@shop.test';
    await writeStaffUsers(usersFile, [STAFF, { email, name: 'T', password: 'the-right-one' }]);
    for (let i = 0; i < 3; i++) expect((await login(email, 'wrong', `10.0.1.${i}`)).status).toBe(401);
    const refused = await login(email, 'the-right-one', '10.0.1.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // another account is not locked by it; one address is, after as many failures on any accounts
    expect((await login(STAFF.email, STAFF.password, '10.0.1.9')).status).toBe(200);
    for (let i = 0; i < 3; i++) await login(`guess-${i}@shop.test`, 'x', '10.0.2.1');
    expect((await login(STAFF.email, STAFF.password, '10.0.2.1')).status).toBe(429);
  });

  it('reads accounts added to the file without a restart, and forgets removed ones', async () => {
    const added = { email: 'new@shop.test', name: 'New', password: 'fresh password' };
    await writeStaffUsers(usersFile, [added]);
    expect((await login(added.email, added.password)).status).toBe(200);
    expect((await login(STAFF.email, STAFF.password)).status).toBe(401);
    await writeStaffUsers(usersFile, [STAFF]);
  });

  it('takes RS256 tokens of the identity provider’s JWKS, and refuses an unknown key or issuer', async () => {
    expect((await api.as(jwks.sign({ role: 'admin' })).get('/api/orders')).status).toBe(200);
    const unknownKey = await api.as(jwks.sign({ role: 'admin' }, 'key-2')).get('/api/orders');
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.body.detail).toContain('key-2');
    expect((await api.as(jwks.sign({ role: 'admin' }, 'key-1', 'https://evil.test')).get('/api/orders')).status).toBe(401);
    // an RS256 token is never checked against the HS256 secret, nor the other way round
    expect((await api.as(jwks.sign({ role: 'nobody' })).get('/api/orders')).status).toBe(401);
  });

  describe('the customer order page', () => {
    let order: { id: string; orderNumber: string };
    let other: { orderNumber: string };

    beforeAll(async () => {
      await api.put('/api/inventory/PAGE-1', { onHand: 50 });
      order = (await api.post('/api/orders', orderBody({ customer: { email: 'Kim@Example.com', fullName: 'Kim' }, items: [{ sku: 'PAGE-1', name: 'Lamp', qty: 2, price: 30 }] }))).body;
      other = (await api.post('/api/orders', orderBody({ customer: { email: 'lee@example.com', fullName: 'Lee' }, items: [{ sku: 'PAGE-1', name: 'Lamp', qty: 1, price: 30 }] }))).body;
      await waitFor(async () => (await api.get(`/api/orders/${order.id}`)).body.inventoryStatus === 'reserved', 15_000, 'stock reserved');
      await api.post(`/api/orders/${order.id}/activities`, { message: 'Packed with care', customerNotified: true });
      await api.post(`/api/orders/${order.id}/activities`, { message: 'Customer was rude on the phone', customerNotified: false });
      const shipment = (await api.post(`/api/orders/${order.id}/shipments`, { carrier: 'ups', trackingNumber: '1Z999', items: [{ orderItemId: (await api.get(`/api/orders/${order.id}`)).body.items[0].orderItemId, qty: 1 }] })).body;
      await api.request('PATCH', `/api/orders/${order.id}/shipments/${shipment.shipmentId}`, { status: 'out_for_delivery' });
    });

    it('opens from a signed link, showing progress, parcels and customer-visible updates only', async () => {
      // the order's progress follows the shipment service's events: wait until it took the last one
      const page = await waitFor(async () => {
        const answer = await anonymous.post('/api/order-status/by-link', { token: signOrderStatusToken(order.id, LINK_SECRET, 3600) });
        return answer.body?.steps?.find((s: { step: string }) => s.step === 'out_for_delivery')?.done ? answer : null;
      }, 10_000, 'the page to show the parcel out for delivery');
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        orderNumber: order.orderNumber, outcome: 'in_progress',
        steps: [{ step: 'confirmed', done: true }, { step: 'shipped', done: true }, { step: 'out_for_delivery', done: true }, { step: 'delivered', done: false }],
        parcels: [{ carrier: 'ups', trackingNumber: '1Z999', status: 'out_for_delivery', items: [{ name: 'Lamp', qty: 1 }] }],
      });
      const text = JSON.stringify(page.body);
      expect(text).toContain('Packed with care');
      for (const secret of ['rude', 'Kim@Example.com', 'Main Street', other.orderNumber, 'admin-1']) expect(text).not.toContain(secret);
    });

    it('refuses a tampered or expired link with 401', async () => {
      const token = signOrderStatusToken(order.id, LINK_SECRET, 3600);
      const tampered = `${token.slice(0, -3)}${token.slice(-3) === 'AAA' ? 'BBB' : 'AAA'}`;
      expect((await anonymous.post('/api/order-status/by-link', { token: tampered })).status).toBe(401);
      expect((await anonymous.post('/api/order-status/by-link', { token: signOrderStatusToken(order.id, 'another-secret-of-enough-length', 3600) })).status).toBe(401);
      expect((await anonymous.post('/api/order-status/by-link', { token: signOrderStatusToken(order.id, LINK_SECRET, -10) })).status).toBe(401);
      // a staff token is not a status link
      expect((await anonymous.post('/api/order-status/by-link', { token: jwt.sign({ role: 'admin', sub: order.id }, LINK_SECRET) })).status).toBe(401);
    });

    it('finds the order by number and email (any case), answers a wrong email like an unknown number, and throttles guessing', async () => {
      const found = await anonymous.post('/api/order-status/lookup', { orderNumber: order.orderNumber, email: 'kim@example.COM' }, { 'x-forwarded-for': '10.0.0.9' });
      expect(found.status).toBe(200);
      const wrongEmail = await anonymous.post('/api/order-status/lookup', { orderNumber: order.orderNumber, email: 'lee@example.com' });
      const unknown = await anonymous.post('/api/order-status/lookup', { orderNumber: 'ORD-999999', email: 'kim@example.com' });
      expect([wrongEmail.status, unknown.status]).toEqual([404, 404]);
      expect(wrongEmail.body.detail).toBe(unknown.body.detail);
      expect((await anonymous.post('/api/order-status/lookup', { orderNumber: '../x', email: 'no' })).body.errors.map((e: { field: string }) => e.field).sort())
        .toEqual(['email', 'orderNumber']);
      await anonymous.post('/api/order-status/lookup', { orderNumber: 'ORD-999998', email: 'kim@example.com' });
      const throttled = await anonymous.post('/api/order-status/lookup', { orderNumber: order.orderNumber, email: 'kim@example.com' });
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBeTruthy();
    });
  });

  it('answers hostile bodies on the public endpoints with a 4xx problem, never a 5xx', async () => {
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
    const bodies: unknown[] = [
      [], ['x'], 'text', 42, null, deep,
      { email: 'ops@shop.test', password: 'a\u0000b' }, { email: 'a\u0000@shop.test', password: 'x' },
      { email: `${'a'.repeat(250)}@shop.test`, password: 'x' }, { email: 'ops@shop.test', password: 'p'.repeat(1025) },
      { email: { $gt: '' }, password: ['x'] }, { constructor: { prototype: { admin: true } }, __proto__: { role: 'admin' } },
      { orderNumber: 'ORD-1\u0000', email: 'kim@example.com' }, { orderNumber: 'O'.repeat(41), email: 'kim@example.com' }, { token: ['a.b.c'] }, { token: 'a\u0000.b.c' },
    ];
    for (const path of ['/api/auth/login', '/api/order-status/lookup', '/api/order-status/by-link']) {
      for (const body of bodies) {
        const raw = typeof body === 'string' ? body : JSON.stringify(body);
        const response = await anonymous.request('POST', path, raw, { 'content-type': 'application/json', 'x-forwarded-for': '10.0.9.9' });
        // refused as input (400, 413, 415): none reaches the password check or the order lookup
        expect({ path, body: raw.slice(0, 60), refused: [400, 413, 415].includes(response.status) }).toEqual({ path, body: raw.slice(0, 60), refused: true });
        expect(response.contentType).toContain('application/problem+json');
      }
    }
    // so none of it counted as a failed sign-in or lookup
    expect((await login(STAFF.email, STAFF.password, '10.0.9.9')).status).toBe(200);
  });

  it('streams a change to a live subscriber when an order is placed', async () => {
    const abort = new AbortController();
    const response = await fetch(`${stack.gatewayUrl}/api/live`, { headers: { authorization: `Bearer ${(await login(STAFF.email, STAFF.password, '10.0.0.2')).body.token}` }, signal: abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the stream is subscribed
    const placed = (await api.post('/api/orders', orderBody({ items: [{ sku: 'LIVE-1', name: 'Mug', qty: 1, price: 5 }] }))).body;
    let received = '';
    await waitFor(async () => {
      received += (await reader.read()).value ?? '';
      return received.includes(placed.id);
    }, 10_000, 'the change on the stream');
    abort.abort();
    expect(received).toMatch(/event: change\n(id: \d+\n)?data: \{"type":"order\.placed","orderId":"[^"]+"/);
    expect((await anonymous.get('/api/live')).status).toBe(401);
  });

  it('lists the configured statuses and the reconciliation runs', async () => {
    const statuses = await api.get('/api/order-statuses');
    expect(statuses.body.paymentStatus).toContainEqual({ code: 'paid', name: 'Paid', badge: 'success', progress: 'complete' });
    await api.request('POST', '/api/payments/reconciliations', 'reference,orderNumber,type,amount,currency,settledAt\nch_x,ORD-000001,capture,1.00,EUR,2026-12-01\n', { 'content-type': 'text/csv' });
    const runs = await api.get('/api/payments/reconciliations?limit=5');
    expect(runs.status).toBe(200);
    expect(runs.body.items[0].summary.rows).toBe(1);
    expect((await api.get('/api/payments/reconciliations?limit=500')).status).toBe(400);
  });

  it('serves the web app’s pages with a strict content security policy, and 404 for a missing asset', async () => {
    for (const path of ['/admin', '/admin/orders/ORD-000001', '/orders/status?token=x', '/account/orders']) {
      const page = await fetch(`${stack.gatewayUrl}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<div id="root">');
    }
    expect((await fetch(`${stack.gatewayUrl}/admin/assets/missing.js`)).status).toBe(404);
  });
});
