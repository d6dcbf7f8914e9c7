import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { sign } from '../../apps/gateway/src/webhooks/signature';
import { Api, orderBody, tokenFor } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/** Shipments and cancellation, and the race between them, across the apps as separate processes. */
describe('shipping and canceling', () => {
  const stack = new TestStack({ 'order-service': { CANCEL_WAIT_MS: '1000' }, gateway: { CARRIER_WEBHOOK_SECRETS: 'ups:ups-webhook-secret' } });
  let api: Api;

  beforeAll(async () => {
    await stack.start(['gateway', 'order-service', 'inventory-service', 'shipment-service']);
    api = new Api(stack.gatewayUrl);
  });
  afterAll(() => stack.stop());

  const order = async (sku: string, qty: number, customer = 'customer-1', items?: unknown[]) => {
    const placed = await api.post('/api/orders', orderBody({
      customer: { id: customer, email: `${customer}@example.com`, fullName: customer },
      items: items ?? [{ sku, name: sku, qty, price: 2 }],
    }));
    expect(placed.status).toBe(201);
    return placed.body;
  };
  const orderWhen = (id: string, check: (o: any) => boolean, what: string) => // eslint-disable-line @typescript-eslint/no-explicit-any
    waitFor(async () => {
      const { body } = await api.get(`/api/orders/${id}`);
      return check(body) ? body : null;
    }, 20_000, what);
  const reserved = async (sku: string, qty: number, customer?: string, items?: unknown[]) => {
    const placed = await order(sku, qty, customer, items);
    // the shipment service learns of the reservation from the same event as the order service
    await orderWhen(placed.id, (o) => o.inventoryStatus === 'reserved', 'reservation');
    await waitFor(async () => (await api.get(`/api/orders/${placed.id}/shipments`)).status === 200, 10_000, 'the shipment service to know the order');
    return placed;
  };
  const stock = async (sku: string) => (await api.get(`/api/inventory/${sku}`)).body;

  it('runs the documented workflow: paid → shipped with UPS tracking → stock sold', async () => {
    await api.put('/api/inventory/WF-1', { onHand: 10 });
    const placed = await reserved('WF-1', 2);
    await api.request('PATCH', `/api/orders/${placed.id}`, { paymentStatus: 'paid' });
    const shipment = await api.post(`/api/orders/${placed.orderNumber}/shipments`, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(shipment.status).toBe(201);
    expect(shipment.body).toMatchObject({
      shipmentNumber: expect.stringMatching(/^SHP-\d{6}$/), orderId: placed.id, carrier: 'UPS', status: 'shipped',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784', items: [{ orderItemId: placed.items[0].orderItemId, sku: 'WF-1', qty: 2 }],
    });
    const shipped = await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'shipped', 'shipped');
    expect(shipped.status.code).toBe('shipped');
    expect(shipped.activities.at(-1).message).toBe(`Shipment ${shipment.body.shipmentNumber} created via UPS, tracking 1Z999AA10123456784`);
    expect(shipped.shipments).toEqual([expect.objectContaining({
      shipmentId: shipment.body.shipmentId, shipmentNumber: shipment.body.shipmentNumber, carrier: 'UPS', trackingNumber: '1Z999AA10123456784',
    })]);
    await waitFor(async () => (await stock('WF-1')).onHand === 8, 10_000, 'the sale');
    expect(await stock('WF-1')).toMatchObject({ onHand: 8, reserved: 0 });
    expect((await api.get(`/api/orders/${placed.id}/shipments`)).body.items).toHaveLength(1);

    const path = `/api/orders/${placed.id}/shipments/${shipment.body.shipmentId}`;
    expect((await api.request('PATCH', path, { status: 'in_transit' })).body.status).toBe('in_transit');
    const delivered = await api.request('PATCH', path, { status: 'delivered' });
    expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    const completed = await orderWhen(placed.id, (o) => o.status.code === 'completed', 'completed');
    expect(completed.shipmentStatus.code).toBe('delivered');
    expect(completed.activities.at(-1)).toMatchObject({ message: `Shipment ${shipment.body.shipmentNumber} delivered`, customerNotified: true });
  });

  it('never moves a shipment backwards, keeps stale updates only in the history, and checks it belongs to the order', async () => {
    await api.put('/api/inventory/TR-1', { onHand: 5 });
    const placed = await reserved('TR-1', 1);
    const other = await reserved('TR-1', 1);
    const shipment = (await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'USPS', trackingNumber: '9400' })).body;
    const path = `/api/orders/${placed.id}/shipments/${shipment.shipmentId}`;
    const now = Date.now();
    await api.request('PATCH', path, { status: 'out_for_delivery', occurredAt: new Date(now).toISOString() });
    const stale = await api.request('PATCH', path, { status: 'in_transit', occurredAt: new Date(now - 3_600_000).toISOString() });
    expect(stale.status).toBe(200);
    expect(stale.body.status).toBe('out_for_delivery');
    expect(stale.body.trackingHistory.map((t: { status: string; applied: boolean }) => [t.status, t.applied])).toEqual([['in_transit', false], ['out_for_delivery', true]]);
    const backwards = await api.request('PATCH', path, { status: 'in_transit' });
    expect(backwards.status).toBe(409);
    expect(backwards.body.detail).toContain('cannot go from out_for_delivery to in_transit');
    const retracked = await api.request('PATCH', path, { carrier: 'DHL', trackingNumber: 'JD01' });
    expect(retracked.body).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD01', trackingUrl: 'https://www.dhl.com/en/express/tracking.html?AWB=JD01' });
    const problems = await Promise.all([
      api.request('PATCH', `/api/orders/${other.id}/shipments/${shipment.shipmentId}`, { status: 'delivered' }),
      api.request('PATCH', path, { status: 'teleported' }),
      api.request('PATCH', path, {}),
      api.request('PATCH', `/api/orders/${placed.id}/shipments/not-a-uuid`, { status: 'delivered' }),
    ]);
    expect(problems.map((p) => p.status)).toEqual([404, 400, 400, 400]);
    expect((await api.get(`/api/orders/${placed.id}/shipments`)).body.items[0].status).toBe('out_for_delivery');
  });

  it('takes signed carrier updates once, in order, and refuses unsigned ones', async () => {
    await api.put('/api/inventory/WH-1', { onHand: 5 });
    const placed = await reserved('WH-1', 1);
    const shipment = (await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'UPS', trackingNumber: '1ZWEBHOOK1' })).body;
    const carrier = api.as(null);
    const post = (body: object, options: { secret?: string; at?: number; carrierName?: string } = {}) => {
      const raw = JSON.stringify(body);
      const signature = sign(options.secret ?? 'ups-webhook-secret', raw, options.at ?? Math.floor(Date.now() / 1000));
      return carrier.request('POST', `/api/webhooks/carriers/${options.carrierName ?? 'ups'}`, raw, { 'content-type': 'application/json', 'x-oms-signature': signature });
    };
    const delivered = { trackingNumber: '1ZWEBHOOK1', status: 'delivered', occurredAt: new Date().toISOString() };
    const first = await post(delivered);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ applied: true });
    expect((await post(delivered)).body).toEqual({ applied: false, detail: 'this update was received already' });
    const older = await post({ trackingNumber: '1ZWEBHOOK1', status: 'in_transit', occurredAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(older.body).toMatchObject({ applied: false, detail: expect.stringContaining('before the last update applied') });
    expect((await post({ ...delivered, trackingNumber: 'UNKNOWN-1' })).body).toMatchObject({ applied: false });

    const refused = await Promise.all([
      post(delivered, { secret: 'guessed-secret' }),
      post(delivered, { at: Math.floor(Date.now() / 1000) - 3600 }),
      carrier.request('POST', '/api/webhooks/carriers/ups', JSON.stringify(delivered), { 'content-type': 'application/json' }),
      post(delivered, { carrierName: 'fedex' }),
      post({ trackingNumber: '1ZWEBHOOK1', status: 'teleported', occurredAt: 'now' }),
      post({ trackingNumber: '1ZWEBHOOK1', status: 'returned', occurredAt: new Date().toISOString() }, { secret: 'guessed-secret' }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 404, 400, 401]);
    expect(refused[0].contentType).toContain('application/problem+json');

    const history = (await api.get(`/api/orders/${placed.id}/shipments`)).body.items[0];
    expect(history.status).toBe('delivered');
    expect(history.trackingHistory.map((t: { status: string; applied: boolean; source: string }) => [t.status, t.applied, t.source]))
      .toEqual([['in_transit', false, 'webhook:ups'], ['delivered', true, 'webhook:ups']]);
    await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'delivered', 'the order to be delivered');
    expect(shipment.shipmentId).toBe(history.shipmentId);
  });

  it('prints a packing slip per shipment that parses as a PDF with the right lines', async () => {
    await api.put('/api/inventory/PS-1', { onHand: 10 });
    await api.put('/api/inventory/PS-2', { onHand: 10 });
    const placed = await reserved('', 0, undefined, [{ sku: 'PS-1', name: 'Blue mug', qty: 3, price: 1 }, { sku: 'PS-2', name: 'Saucer', qty: 1, price: 1 }]);
    const [mug] = placed.items;
    const shipment = (await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'UPS', trackingNumber: '1ZSLIP', items: [{ orderItemId: mug.orderItemId, qty: 2 }] })).body;
    const response = await fetch(`${stack.gatewayUrl}/api/orders/${placed.orderNumber}/shipments/${shipment.shipmentId}/packing-slip`, {
      headers: { authorization: `Bearer ${tokenFor('admin')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = JSON.parse(execFileSync(process.execPath, [join(__dirname, '../support/pdf-text.mjs')], { input: pdf }).toString());
    expect(text.pages).toBe(1);
    expect(text.lines).toEqual(expect.arrayContaining([
      'Packing slip', `Order: ${placed.orderNumber}`, `Shipment: ${shipment.shipmentNumber}`, 'Carrier: UPS (tracking 1ZSLIP)',
      'Ann Example', 'Main Street 1', 'Berlin', 'DE', '2 x PS-1 Blue mug', 'Units in this parcel: 2',
    ]));
    expect(text.lines.some((line: string) => line.includes('PS-2'))).toBe(false); // not in this parcel
    const missing = await fetch(`${stack.gatewayUrl}/api/orders/${placed.id}/shipments/00000000-0000-4000-8000-000000000000/packing-slip`, {
      headers: { authorization: `Bearer ${tokenFor('admin')}` },
    });
    expect(missing.status).toBe(404);
  });

  it('voids a shipment before pickup: its units go back to the order, which may ship or cancel again', async () => {
    await api.put('/api/inventory/VD-1', { onHand: 5 });
    const placed = await reserved('VD-1', 2);
    const shipment = (await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'UPS', trackingNumber: '1ZVOID' })).body;
    await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'shipped', 'shipped');
    await waitFor(async () => (await stock('VD-1')).onHand === 3, 10_000, 'the sale');
    const voided = await api.request('PATCH', `/api/orders/${placed.id}/shipments/${shipment.shipmentId}`, { status: 'canceled' });
    expect(voided.body.status).toBe('canceled');
    const back = await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'pending', 'the units back on the order');
    expect(back.items[0].shippedQty).toBe(0);
    expect(back.activities.at(-1).message).toBe(`Shipment ${shipment.shipmentNumber} was canceled (voided before pickup)`);
    await waitFor(async () => (await stock('VD-1')).onHand === 5, 10_000, 'the sale reversed');
    expect(await stock('VD-1')).toMatchObject({ onHand: 5, reserved: 2 });
    expect((await api.request('PATCH', `/api/orders/${placed.id}/shipments/${shipment.shipmentId}`, { status: 'in_transit' })).status).toBe(409);
    const canceled = await api.post(`/api/orders/${placed.id}/cancel`, { reason: 'no longer wanted' });
    expect(canceled.status).toBe(200);
    await waitFor(async () => (await stock('VD-1')).reserved === 0, 10_000, 'the release');
    expect(await stock('VD-1')).toMatchObject({ onHand: 5, reserved: 0 });
    const { rows: [ledger] } = await stack.db('inventory-service').query(
      `SELECT sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movement WHERE sku = 'VD-1'`);
    expect(ledger).toEqual({ on_hand: 5, reserved: 0 });
  });

  it('ships an order in two parts', async () => {
    await api.put('/api/inventory/PT-1', { onHand: 10 });
    await api.put('/api/inventory/PT-2', { onHand: 10 });
    const placed = await reserved('', 0, undefined, [{ sku: 'PT-1', name: 'a', qty: 3, price: 1 }, { sku: 'PT-2', name: 'b', qty: 1, price: 1 }]);
    const [a, b] = placed.items.map((i: { orderItemId: string }) => i.orderItemId);
    const first = await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'DHL', trackingNumber: 'JD014600006', items: [{ orderItemId: a, qty: 2 }] });
    expect(first.status).toBe(201);
    await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'partially_shipped', 'partially shipped');
    const rest = await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'Local Pickup', notifyCustomer: false });
    expect(rest.body).toMatchObject({ trackingNumber: null, trackingUrl: null });
    expect(rest.body.items.map((i: { sku: string; qty: number }) => [i.sku, i.qty]).sort()).toEqual([['PT-1', 1], ['PT-2', 1]]);
    const done = await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'shipped', 'shipped');
    expect(done.items.map((i: { shippedQty: number; qty: number }) => i.shippedQty === i.qty)).toEqual([true, true]);
    const created = done.activities.filter((a: { message: string }) => a.message.startsWith('Shipment SHP-'));
    expect(created.map((a: { customerNotified: boolean }) => a.customerNotified)).toEqual([true, false]); // notifyCustomer: false
    expect(b).toBeDefined();
    await api.request('PATCH', `/api/orders/${placed.id}/shipments/${first.body.shipmentId}`, { status: 'delivered' });
    await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'partially_delivered', 'partially delivered');
    await api.request('PATCH', `/api/orders/${placed.id}/shipments/${rest.body.shipmentId}`, { status: 'delivered' });
    await orderWhen(placed.id, (o) => o.shipmentStatus.code === 'delivered', 'delivered');
  });

  it('refuses shipments it must not create, writing nothing, and repeats one for a retried Idempotency-Key', async () => {
    await api.put('/api/inventory/RF-1', { onHand: 5 });
    const placed = await reserved('RF-1', 2);
    const item = placed.items[0].orderItemId;
    const key = { 'idempotency-key': `ship-${placed.id}` };
    const once = await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'FedEx', items: [{ orderItemId: item, qty: 1 }] }, key);
    const again = await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'FedEx', items: [{ orderItemId: item, qty: 1 }] }, key);
    expect(again.body.shipmentId).toBe(once.body.shipmentId);

    const failedOrder = await order('NOPE-7', 1);
    await orderWhen(failedOrder.id, (o) => o.inventoryStatus === 'failed', 'failure');
    const refusals = await Promise.all([
      api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'FedEx', items: [{ orderItemId: item, qty: 2 }] }),
      api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'FedEx', items: [{ orderItemId: '00000000-0000-4000-8000-000000000000', qty: 1 }] }),
      api.post(`/api/orders/${failedOrder.id}/shipments`, { carrier: 'FedEx' }),
      api.post('/api/orders/ORD-999999/shipments', { carrier: 'FedEx' }),
      api.post(`/api/orders/${placed.id}/shipments`, { items: [{ orderItemId: item, qty: 0 }] }),
      api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'FedEx', trackingUrl: 'not a url' }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409, 404, 400, 400]);
    expect(refusals[0].body.detail).toContain('2 requested, 1 left to ship');
    expect([...new Set(refusals[4].body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['carrier', 'items[0].qty']);
    expect((await api.get(`/api/orders/${placed.id}/shipments`)).body.items).toHaveLength(1);
  });

  it('cancels an order, releases its stock once, and returns it again on a repeat', async () => {
    await api.put('/api/inventory/CX-1', { onHand: 5 });
    const placed = await reserved('CX-1', 3);
    const canceled = await api.post(`/api/orders/${placed.id}/cancel`, { reason: 'changed my mind' });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: { code: 'canceled' }, paymentStatus: { code: 'canceled' }, shipmentStatus: { code: 'canceled' },
      cancelReason: 'changed my mind', cancelPending: false, inventoryStatus: 'released' });
    await waitFor(async () => (await stock('CX-1')).reserved === 0, 10_000, 'the release');
    const again = await api.post(`/api/orders/${placed.id}/cancel`, {});
    expect(again.status).toBe(200);
    expect(again.body.cancelReason).toBe('changed my mind');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await stock('CX-1')).toMatchObject({ onHand: 5, reserved: 0 });
    const shipAfter = await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'UPS' });
    expect(shipAfter.status).toBe(409);
  });

  it('refuses to cancel what is not cancelable, and lets a customer cancel only its own order', async () => {
    await api.put('/api/inventory/CC-1', { onHand: 10 });
    const shippedOrder = await reserved('CC-1', 1);
    await api.post(`/api/orders/${shippedOrder.id}/shipments`, { carrier: 'UPS' });
    await orderWhen(shippedOrder.id, (o) => o.shipmentStatus.code === 'shipped', 'shipped');
    const refused = await api.post(`/api/orders/${shippedOrder.id}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('not cancelable');

    const mine = await reserved('CC-1', 1, 'carol');
    expect((await api.as(tokenFor('customer', 'dave')).post(`/api/orders/${mine.id}/cancel`, {})).status).toBe(404);
    const own = await api.as(tokenFor('customer', 'carol')).post(`/api/orders/${mine.id}/cancel`, {});
    expect(own.status).toBe(200);
    expect(own.body.cancelReason).toBe('Canceled by the customer');
    expect((await api.post(`/api/orders/${mine.id}/cancel`, { reason: '' })).status).toBe(400);
  });

  it('answers 202 while the shipment service is away, holds the order, and completes the cancel when it returns', async () => {
    await api.put('/api/inventory/AW-1', { onHand: 5 });
    const placed = await reserved('AW-1', 2);
    await stack.stopApp('shipment-service');
    const pending = await api.post(`/api/orders/${placed.id}/cancel`, { reason: 'while away' });
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({ cancelPending: true, status: { code: 'pending' } });
    const patch = await api.request('PATCH', `/api/orders/${placed.id}`, { paymentStatus: 'paid' });
    expect(patch.status).toBe(409);
    expect(patch.body.detail).toContain('is being canceled');
    expect((await api.post(`/api/orders/${placed.id}/cancel`, {})).status).toBe(202); // still settling, nothing new requested
    await stack.startApp('shipment-service');
    const canceled = await orderWhen(placed.id, (o) => o.status.code === 'canceled', 'the cancel to complete');
    expect(canceled).toMatchObject({ cancelPending: false, cancelReason: 'while away' });
    expect(canceled.activities.filter((a: { message: string }) => a.message.startsWith('Order canceled'))).toHaveLength(1);
    await waitFor(async () => (await stock('AW-1')).reserved === 0, 10_000, 'the release');
  });

  it('lets exactly one of 100 concurrent cancel/ship pairs win, and the stock ledger agrees', async () => {
    await api.put('/api/inventory/RACE-1', { onHand: 100 });
    const orders = [];
    for (let i = 0; i < 100; i++) orders.push(await order('RACE-1', 1));
    for (const o of orders) await orderWhen(o.id, (x) => x.inventoryStatus === 'reserved', 'reservation');
    await waitFor(async () => {
      const { rows } = await stack.db('shipment-service').query(`SELECT count(*)::int AS n FROM order_replica WHERE stock_status = 'reserved' AND order_id = ANY($1)`, [orders.map((o) => o.id)]);
      return rows[0].n === 100;
    }, 20_000, 'the shipment service to know every reservation');

    const outcomes = await Promise.all(orders.map((o) => Promise.all([
      api.post(`/api/orders/${o.id}/cancel`, { reason: 'race' }),
      api.post(`/api/orders/${o.id}/shipments`, { carrier: 'UPS' }),
    ])));
    for (const [cancel, ship] of outcomes) {
      expect([200, 202, 409]).toContain(cancel.status);
      expect([201, 409]).toContain(ship.status);
    }
    const ids = orders.map((o) => o.id);
    await waitFor(async () => {
      const { rows } = await stack.db('order-service').query('SELECT count(*)::int AS n FROM orders WHERE id = ANY($1) AND cancel_pending', [ids]);
      return rows[0].n === 0;
    }, 30_000, 'every cancel to settle');
    const { rows: shipments } = await stack.db('shipment-service').query('SELECT order_id FROM shipment WHERE order_id = ANY($1)', [ids]);
    const shippedIds = new Set(shipments.map((s) => s.order_id));
    await waitFor(async () => {
      const { rows } = await stack.db('order-service').query(
        `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1) AND (status = 'canceled' OR shipment_status = 'shipped')`, [ids]);
      return rows[0].n === 100;
    }, 30_000, 'every order to be canceled or shipped');
    const { rows: final } = await stack.db('order-service').query('SELECT id, status, shipment_status FROM orders WHERE id = ANY($1)', [ids]);
    for (const row of final) {
      if (shippedIds.has(row.id)) expect([row.status, row.shipment_status]).toEqual(['shipped', 'shipped']);
      else expect(row.status).toBe('canceled');
    }
    expect(shipments.length).toBe(shippedIds.size); // never two shipments for one order
    expect(outcomes.filter(([, ship]) => ship.status === 201).length).toBe(shippedIds.size);

    await waitFor(async () => {
      const s = await stock('RACE-1');
      return s.reserved === 0 && s.onHand === 100 - shippedIds.size;
    }, 30_000, 'sales and releases to be booked');
    const { rows: [ledger] } = await stack.db('inventory-service').query(
      `SELECT sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved FROM stock_movement WHERE sku = 'RACE-1'`);
    expect(ledger).toEqual({ on_hand: 100 - shippedIds.size, reserved: 0 });
  });
});
