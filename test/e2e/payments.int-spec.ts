import { randomUUID } from 'node:crypto';
import { sign } from '../../apps/gateway/src/webhooks/signature';
import { Api, orderBody, tokenFor } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/** The payment ledger, refunds, provider webhooks and reconciliation, through the gateway. */
describe('payments', () => {
  const stack = new TestStack({ gateway: { PAYMENT_WEBHOOK_SECRETS: 'stripe:stripe-webhook-secret,adyen:adyen-secret' } });
  let api: Api;

  beforeAll(async () => {
    await stack.start(['gateway', 'order-service', 'inventory-service', 'shipment-service']);
    api = new Api(stack.gatewayUrl);
    await api.put('/api/inventory/PAY-1', { onHand: 1000 });
  });
  afterAll(() => stack.stop());

  /** An order of 2 × 45.00 + 10.00 shipping = 100.00 EUR, its stock reserved. */
  const order = async (overrides: Record<string, unknown> = {}) => {
    const placed = await api.post('/api/orders', orderBody({ items: [{ sku: 'PAY-1', name: 'Kettle', qty: 2, price: 45 }], shippingFee: 10, ...overrides }));
    expect(placed.status).toBe(201);
    await waitFor(async () => (await api.get(`/api/orders/${placed.body.id}`)).body.inventoryStatus === 'reserved', 10_000, 'reservation');
    return placed.body;
  };
  const pay = (id: string, type: string, amount: number, reference = `${type}-${randomUUID()}`, extra: Record<string, unknown> = {}) =>
    api.post(`/api/orders/${id}/payments`, { type, amount, provider: 'stripe', reference, ...extra });
  const view = async (id: string) => (await api.get(`/api/orders/${id}`)).body;
  const ledgerRows = async (id: string) =>
    Number((await stack.db('order-service').query('SELECT count(*) FROM payment_transaction WHERE order_id = $1', [id])).rows[0].count);
  const outbox = async (id: string, type: string) =>
    (await stack.db('order-service').query(`SELECT envelope->'payload' AS payload FROM outbox_message WHERE routing_key = $2 AND envelope->>'aggregateId' = $1 ORDER BY created_at`, [id, type]))
      .rows.map((r) => r.payload);

  describe('POST /api/orders/:id/payments', () => {
    it('derives the payment status from authorization, partial and full capture, with activities and order.status_changed', async () => {
      const placed = await order();
      const authorized = await pay(placed.orderNumber, 'authorization', 100, 'pi_1');
      expect(authorized.status).toBe(201);
      expect(authorized.body).toMatchObject({ transactionId: expect.any(String), type: 'authorization', amount: 100, currency: 'EUR', provider: 'stripe', reference: 'pi_1', author: 'admin-1' });
      expect((await view(placed.id)).paymentStatus.code).toBe('authorized');

      expect((await pay(placed.id, 'capture', 40, 'ch_1')).status).toBe(201);
      let current = await view(placed.id);
      expect(current.paymentStatus.code).toBe('partially_paid');
      expect(current.payment).toEqual({ authorized: 60, captured: 40, refunded: 0, refundable: 40 });

      expect((await pay(placed.id, 'capture', 60, 'ch_2')).status).toBe(201);
      current = await view(placed.id);
      expect(current.paymentStatus.code).toBe('paid');
      expect(current.status.code).toBe('processing');
      expect(current.payments.map((p: { type: string; amount: number }) => [p.type, p.amount])).toEqual([['authorization', 100], ['capture', 40], ['capture', 60]]);
      expect(current.activities.map((a: { message: string }) => a.message)).toEqual(expect.arrayContaining([
        'Authorization of 100.00 EUR authorized (stripe, pi_1)', 'Payment of 40.00 EUR captured (stripe, ch_1)', 'Payment of 60.00 EUR captured (stripe, ch_2)',
      ]));
      expect((await outbox(placed.id, 'order.status_changed')).map((p) => p.paymentStatus)).toEqual(['authorized', 'partially_paid', 'paid']);
    });

    it('voids an open authorization back to pending, and records a failure as failed', async () => {
      const placed = await order();
      await pay(placed.id, 'authorization', 100, 'pi_void');
      expect((await pay(placed.id, 'void', 100, 'pi_void')).status).toBe(201);
      expect((await view(placed.id)).paymentStatus.code).toBe('pending');
      expect((await pay(placed.id, 'failure', 100, 'pi_fail', { note: 'card declined' })).status).toBe(201);
      const failed = await view(placed.id);
      expect(failed.paymentStatus.code).toBe('failed');
      expect(failed.status.code).toBe('on_hold');
      expect(failed.activities.at(-1)).toMatchObject({ message: 'Payment of 100.00 EUR failed (stripe, pi_fail): card declined', customerNotified: true });
    });

    it('refuses what the ledger cannot take, with a problem naming why, and writes nothing', async () => {
      const placed = await order();
      await pay(placed.id, 'authorization', 50, 'pi_r');
      const refused = await Promise.all([
        pay(placed.id, 'capture', 100.01),
        pay(placed.id, 'void', 50.01),
        pay(placed.id, 'authorization', 50.01),
        pay(placed.id, 'capture', 10, undefined, { currency: 'USD' }),
        pay(placed.id, 'capture', 10.001),
        pay(placed.id, 'capture', 0),
        pay(placed.id, 'refund', 10),
        api.post(`/api/orders/${placed.id}/payments`, { type: 'capture', amount: -1, provider: 'stripe dashboard', reference: '', extra: 1 }),
        pay('ORD-NOPE-1', 'capture', 10),
        api.as(tokenFor('customer', placed.customer.id)).post(`/api/orders/${placed.id}/payments`, { type: 'capture', amount: 10, provider: 'stripe', reference: 'x' }),
      ]);
      expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 422, 400, 400, 400, 400, 404, 403]);
      expect(refused[0].contentType).toContain('application/problem+json');
      expect(refused[0].body.detail).toBe('Capturing 100.01 EUR would take more than the order total 100.00 EUR (0.00 EUR captured).');
      expect(refused[1].body.detail).toBe('Only 50.00 EUR is authorized and not captured; 50.01 EUR cannot be voided.');
      expect(refused[3].body.detail).toBe('The order is in EUR; a capture in USD cannot be recorded on it.');
      expect(refused[4].body.errors).toEqual([{ field: 'amount', message: 'amount has more than 2 decimal places for EUR' }]);
      expect(refused[5].body.errors).toEqual([{ field: 'amount', message: 'the amount of a capture must be greater than 0' }]);
      expect(refused[7].body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'extra', 'provider', 'reference']);
      expect(await ledgerRows(placed.id)).toBe(1);
      expect((await view(placed.id)).paymentStatus.code).toBe('authorized');
    });

    it('records a reference once: a repeat answers the first entry, a different amount is a 409, an Idempotency-Key retry the first result', async () => {
      const placed = await order();
      const first = await pay(placed.id, 'capture', 30, 'ch_once');
      const again = await pay(placed.id, 'capture', 30, 'ch_once');
      expect(again.body.transactionId).toBe(first.body.transactionId);
      const different = await pay(placed.id, 'capture', 31, 'ch_once');
      expect(different.status).toBe(409);
      expect(different.body.detail).toBe('A capture ch_once of stripe was already recorded with 30.00 EUR.');
      const elsewhere = await pay((await order()).id, 'capture', 30, 'ch_once');
      expect(elsewhere.body.detail).toBe('A capture ch_once of stripe was already recorded for another order.');

      const body = { type: 'capture', amount: 10, provider: 'stripe', reference: 'ch_key' };
      const keyed = await Promise.all([1, 2, 3].map(() => api.post(`/api/orders/${placed.id}/payments`, body, { 'idempotency-key': 'pay-key-1' })));
      expect(new Set(keyed.map((r) => r.body.transactionId)).size).toBe(1);
      const reused = await api.post(`/api/orders/${placed.id}/payments`, { ...body, amount: 11 }, { 'idempotency-key': 'pay-key-1' });
      expect(reused.status).toBe(422);
      expect(await ledgerRows(placed.id)).toBe(2);
    });

    it('takes exactly the order total from 15 concurrent captures of 10.00', async () => {
      const placed = await order();
      const results = await Promise.all(Array.from({ length: 15 }, (_, i) => pay(placed.id, 'capture', 10, `ch_race_${i}`)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      expect(results.filter((r) => r.status === 409)).toHaveLength(5);
      const paid = await view(placed.id);
      expect(paid.payment.captured).toBe(100);
      expect(paid.paymentStatus.code).toBe('paid');
    });

    it('takes no money on a canceled order, but still records the void of its authorization', async () => {
      const placed = await order();
      await pay(placed.id, 'authorization', 100, 'pi_cancel');
      expect((await api.post(`/api/orders/${placed.id}/cancel`, { reason: 'changed mind' })).status).toBe(200);
      const capture = await pay(placed.id, 'capture', 100, 'pi_cancel');
      expect(capture.status).toBe(409);
      expect(capture.body.detail).toContain('is canceled; it takes no capture');
      expect((await pay(placed.id, 'void', 100, 'pi_cancel')).status).toBe(201);
      const canceled = await view(placed.id);
      expect([canceled.status.code, canceled.paymentStatus.code, canceled.payment.authorized]).toEqual(['canceled', 'canceled', 0]);
    });
  });

  describe('POST /api/orders/:id/refunds', () => {
    it('refunds part, restocking shipped units through order.refunded, then the rest: the order becomes refunded', async () => {
      const placed = await order();
      await pay(placed.id, 'capture', 100, 'ch_refund');
      await waitFor(async () => (await api.get(`/api/orders/${placed.id}/shipments`)).status === 200, 10_000, 'the shipment service to know the order');
      expect((await api.post(`/api/orders/${placed.id}/shipments`, { carrier: 'UPS', trackingNumber: '1ZREFUND' })).status).toBe(201);
      await waitFor(async () => (await view(placed.id)).shipmentStatus.code === 'shipped', 10_000, 'shipped');
      const movements = async (kind: string) =>
        (await api.get('/api/inventory/PAY-1/movements?limit=100')).body.items.filter((m: { kind: string; orderId: string }) => m.kind === kind && m.orderId === placed.id);
      await waitFor(async () => (await movements('sale')).length === 1, 10_000, 'the sale');

      const itemId = placed.items[0].orderItemId;
      const partial = await api.post(`/api/orders/${placed.id}/refunds`, { amount: 45, reason: 'one kettle came back broken', items: [{ orderItemId: itemId, qty: 1, restock: true }] });
      expect(partial.status).toBe(201);
      expect(partial.body).toMatchObject({
        refundId: expect.any(String), amount: 45, currency: 'EUR', reason: 'one kettle came back broken', provider: 'stripe',
        items: [{ orderItemId: itemId, sku: 'PAY-1', qty: 1, restock: true }],
      });
      expect(partial.body.reference).toBe(partial.body.refundId);
      const [restock] = await waitFor(async () => { const found = await movements('restock'); return found.length ? found : null; }, 10_000, 'the restock');
      expect(restock).toMatchObject({ onHandDelta: 1, reservedDelta: 0, refundId: partial.body.refundId });
      let current = await view(placed.id);
      expect([current.paymentStatus.code, current.status.code]).toEqual(['partially_refunded', 'shipped']);
      expect(current.refunds).toEqual([partial.body]);
      expect(current.activities.at(-1)).toMatchObject({ message: 'Refunded 45.00 EUR: one kettle came back broken (restocking 1 × PAY-1)', customerNotified: true });
      expect(await outbox(placed.id, 'order.refunded')).toEqual([{
        refundId: partial.body.refundId, orderId: placed.id, orderNumber: placed.orderNumber, amount: 4500, currency: 'EUR', reason: 'one kettle came back broken',
        lines: [{ orderItemId: itemId, sku: 'PAY-1', qty: 1, restock: true }],
      }]);

      const tooMuch = await api.post(`/api/orders/${placed.id}/refunds`, { amount: 55.01, reason: 'all' });
      expect(tooMuch.status).toBe(409);
      expect(tooMuch.body.detail).toBe('A refund of 55.01 EUR is more than was captured and not refunded yet (55.00 EUR).');
      const rest = await api.post(`/api/orders/${placed.id}/refunds`, { amount: 55, reason: 'goodwill', provider: 'stripe', reference: 're_rest' });
      expect(rest.status).toBe(201);
      current = await view(placed.id);
      expect([current.paymentStatus.code, current.status.code, current.payment.refundable]).toEqual(['refunded', 'refunded', 0]);
      expect(await movements('restock')).toHaveLength(1);
    });

    it('refuses items that are not on the order, too many units, restocking unshipped units and nothing captured, writing nothing', async () => {
      const placed = await order();
      const itemId = placed.items[0].orderItemId;
      expect((await api.post(`/api/orders/${placed.id}/refunds`, { amount: 10, reason: 'x' })).status).toBe(409); // nothing captured
      await pay(placed.id, 'capture', 100, 'ch_items');
      const refused = await Promise.all([
        api.post(`/api/orders/${placed.id}/refunds`, { amount: 10, reason: 'x', items: [{ orderItemId: randomUUID(), qty: 1, restock: false }] }),
        api.post(`/api/orders/${placed.id}/refunds`, { amount: 10, reason: 'x', items: [{ orderItemId: itemId, qty: 3, restock: false }] }),
        api.post(`/api/orders/${placed.id}/refunds`, { amount: 10, reason: 'x', items: [{ orderItemId: itemId, qty: 1, restock: true }] }),
        api.post(`/api/orders/${placed.id}/refunds`, { amount: 10, items: [{ orderItemId: 'nope', qty: 0 }] }),
        api.post(`/api/orders/${placed.id}/refunds`, { amount: 0, reason: 'zero' }),
      ]);
      expect(refused.map((r) => r.status)).toEqual([400, 409, 409, 400, 400]);
      expect(refused[0].body.errors).toEqual([{ field: 'items[0].orderItemId', message: expect.stringContaining('is not an item of this order') }]);
      expect(refused[1].body.detail).toBe('The refund asks for more units than the order has left: PAY-1: 3 requested, 2 of 2 left to refund.');
      expect(refused[2].body.detail).toContain('PAY-1: 1 to restock, only 0 shipped and not restocked yet');
      expect(refused[3].body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['reason', 'items[0].orderItemId', 'items[0].qty', 'items[0].restock']));
      expect(await ledgerRows(placed.id)).toBe(1);
      expect(await outbox(placed.id, 'order.refunded')).toEqual([]);
    });

    it('never refunds more than was captured, whatever arrives at once', async () => {
      const placed = await order();
      await pay(placed.id, 'capture', 100, 'ch_refund_race');
      const results = await Promise.all(Array.from({ length: 8 }, () => api.post(`/api/orders/${placed.id}/refunds`, { amount: 30, reason: 'race' })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
      expect((await view(placed.id)).payment).toMatchObject({ refunded: 90, refundable: 10 });
    });
  });

  describe('POST /api/webhooks/payments/:provider', () => {
    /** The provider: signs with its secret unless told otherwise. */
    const provider = {
      post: (body: object, options: { secret?: string; at?: number; name?: string } = {}) => {
        const raw = JSON.stringify(body);
        const signature = sign(options.secret ?? 'stripe-webhook-secret', raw, options.at ?? Math.floor(Date.now() / 1000));
        return api.as(null).request('POST', `/api/webhooks/payments/${options.name ?? 'stripe'}`, raw, { 'content-type': 'application/json', 'x-oms-signature': signature });
      },
    };
    const event = (orderNumber: string, type: string, amount: number, reference: string, id = `evt_${randomUUID()}`) =>
      ({ id, type, orderNumber, amount, currency: 'EUR', reference, occurredAt: new Date().toISOString() });

    it('applies each event once, however often and however concurrently it is delivered', async () => {
      const placed = await order();
      const captured = event(placed.orderNumber, 'capture', 100, 'ch_hook');
      const deliveries = await Promise.all(Array.from({ length: 10 }, () => provider.post(captured)));
      expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(202));
      expect(deliveries.filter((d) => !d.body.duplicate)).toEqual([expect.objectContaining({ body: { eventId: captured.id, duplicate: false, outcome: 'applied', detail: null } })]);
      const paid = await view(placed.id);
      expect(paid.paymentStatus.code).toBe('paid');
      expect(paid.payments).toEqual([expect.objectContaining({ type: 'capture', amount: 100, reference: 'ch_hook', author: 'webhook:stripe' })]);

      // the same capture recorded through the API before is not counted twice; a refund from the dashboard is
      expect((await pay(placed.id, 'capture', 100, 'ch_hook')).body.transactionId).toBe(paid.payments[0].transactionId);
      const refunded = await provider.post({ ...event(placed.orderNumber, 'refund', 100, 're_hook'), reason: 'refunded in the dashboard' });
      expect(refunded.body.outcome).toBe('applied');
      const after = await view(placed.id);
      expect([after.paymentStatus.code, after.refunds[0].reason, after.refunds[0].items]).toEqual(['refunded', 'refunded in the dashboard', []]);
    });

    it('records an event the ledger refuses as rejected, tells the back office, and does not apply it on redelivery', async () => {
      const placed = await order();
      const tooMuch = event(placed.orderNumber, 'capture', 150, 'ch_too_much');
      const first = await provider.post(tooMuch);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ eventId: tooMuch.id, duplicate: false, outcome: 'rejected', detail: expect.stringContaining('would take more than the order total') });
      expect((await provider.post(tooMuch)).body).toMatchObject({ duplicate: true, outcome: 'rejected' });
      const current = await view(placed.id);
      expect(current.payments).toEqual([]);
      expect(current.activities.at(-1).message).toMatch(new RegExp(`^Payment event ${tooMuch.id} from stripe \\(capture of 150.00 EUR, ch_too_much\\) was not applied`));
    });

    it('answers 404 for an order it does not know (so the provider retries), and refuses unsigned, forged, stale and invalid events', async () => {
      const placed = await order();
      const unknown = event('ORD-999999999', 'capture', 10, 'ch_unknown');
      expect((await provider.post(unknown)).status).toBe(404);
      const good = event(placed.orderNumber, 'authorization', 100, 'pi_hook');
      const refused = await Promise.all([
        provider.post(good, { secret: 'guessed' }),
        provider.post(good, { at: Math.floor(Date.now() / 1000) - 3600 }),
        api.as(null).request('POST', '/api/webhooks/payments/stripe', JSON.stringify(good), { 'content-type': 'application/json' }),
        provider.post(good, { name: 'paypal' }),
        provider.post({ ...good, type: 'chargeback', amount: 'lots' }),
        provider.post({ ...good, amount: 1.001 }),
      ]);
      expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 404, 400, 400]);
      expect(refused[4].body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'amount', 'amount', 'type']);
      expect((await view(placed.id)).payments).toEqual([]);
      // the event that found no order is applied when the provider retries it later
      expect((await provider.post(good)).body.outcome).toBe('applied');
    });

    it('loses no event while the order service is down: the provider gets a 504 and its retry is applied once', async () => {
      const placed = await order();
      const captured = event(placed.orderNumber, 'capture', 100, 'ch_outage');
      await stack.stopApp('order-service');
      try {
        const during = await provider.post(captured);
        expect(during.status).toBe(504);
      } finally {
        await stack.startApp('order-service');
      }
      const retries = await Promise.all([provider.post(captured), provider.post(captured)]);
      expect(retries.map((r) => [r.status, r.body.outcome])).toEqual([[202, 'applied'], [202, 'applied']]);
      expect(retries.filter((r) => r.body.duplicate)).toHaveLength(1);
      expect((await view(placed.id)).payments).toHaveLength(1);
    });
  });

  describe('reconciliations', () => {
    it('matches a JSON settlement report and reports every discrepancy, and keeps the run', async () => {
      const a = await order();
      const b = await order();
      await pay(a.id, 'capture', 100, 'rc_a');
      await pay(b.id, 'authorization', 100, 'rc_b');
      await pay(b.id, 'capture', 60, 'rc_b_cap');
      const refund = (await api.post(`/api/orders/${a.id}/refunds`, { amount: 20, reason: 'r', reference: 'rc_a_refund' })).body;
      const settledAt = new Date().toISOString();
      const report = [
        { reference: 'rc_a', orderNumber: a.orderNumber, type: 'capture', amount: 100, currency: 'EUR', fee: 1.75, settledAt },
        { reference: refund.reference, orderNumber: a.orderNumber, type: 'refund', amount: 20, currency: 'EUR', settledAt },
        { reference: 'rc_b_cap', orderNumber: b.orderNumber, type: 'capture', amount: 59.99, currency: 'EUR', fee: 0.9, settledAt },
        { reference: 'rc_b', orderNumber: b.orderNumber, type: 'capture', amount: 100, currency: 'EUR', settledAt },
        { reference: 'rc_ghost', orderNumber: b.orderNumber, type: 'capture', amount: 5, currency: 'EUR', settledAt },
        { reference: 'rc_a', orderNumber: a.orderNumber, type: 'capture', amount: 100, currency: 'EUR', settledAt },
      ];
      const run = await api.post('/api/payments/reconciliations', report);
      expect(run.status).toBe(201);
      expect(run.body.summary).toEqual({
        rows: 6, matched: 2, discrepancies: 4, byKind: { amount_mismatch: 1, status_mismatch: 1, missing_in_ledger: 1, duplicate: 1 },
        totals: [{ currency: 'EUR', gross: 344.99, fees: 2.65, net: 342.34 }],
      });
      expect(run.body.discrepancies).toEqual([
        { kind: 'amount_mismatch', reference: 'rc_b_cap', orderNumber: b.orderNumber, expected: 60, actual: 59.99 },
        { kind: 'status_mismatch', reference: 'rc_b', orderNumber: b.orderNumber, expected: 'authorization', actual: 'capture' },
        { kind: 'missing_in_ledger', reference: 'rc_ghost', orderNumber: b.orderNumber, expected: null, actual: 5 },
        { kind: 'duplicate', reference: 'rc_a', orderNumber: a.orderNumber, expected: 100, actual: 100 },
      ]);
      expect((await api.get(`/api/payments/reconciliations/${run.body.id}`)).body).toEqual(run.body);
    });

    it('reads text/csv, and with a window finds what the report lacks', async () => {
      const from = new Date(Date.now() - 1000).toISOString();
      const placed = await order({ currency: 'JPY', items: [{ sku: 'PAY-1', name: 'Kettle', qty: 1, price: 4500 }], shippingFee: 500 });
      await api.post(`/api/orders/${placed.id}/payments`, { type: 'capture', amount: 3000, provider: 'adyen', reference: 'ady_1' });
      await api.post(`/api/orders/${placed.id}/payments`, { type: 'capture', amount: 2000, provider: 'adyen', reference: 'ady_2' });
      const to = new Date(Date.now() + 1000).toISOString();
      const csv = `reference,orderNumber,type,amount,currency,fee,settledAt\nady_1,${placed.orderNumber},capture,3000,JPY,30,2026-11-24T00:00:00Z\n`;
      const run = await api.post(`/api/payments/reconciliations?provider=adyen&from=${from}&to=${to}`, csv, { 'content-type': 'text/csv' });
      expect(run.status).toBe(201);
      expect(run.body).toMatchObject({
        provider: 'adyen', from, to,
        summary: { rows: 1, matched: 1, discrepancies: 1, totals: [{ currency: 'JPY', gross: 3000, fees: 30, net: 2970 }] },
        discrepancies: [{ kind: 'missing_in_report', reference: 'ady_2', orderNumber: placed.orderNumber, expected: 2000, actual: null }],
      });
    });

    it('refuses a report it cannot read, naming the rows and fields, and stores nothing', async () => {
      const runs = async () => Number((await stack.db('order-service').query('SELECT count(*) FROM reconciliation_run')).rows[0].count);
      const before = await runs();
      const refused = await Promise.all([
        api.post('/api/payments/reconciliations', 'reference,orderNumber,type,amount,currency,settledAt\nr1,ORD-1,capture,ten,EUR,yesterday\nr2,ORD-1,chargeback,1.001,EUR,2026-11-24T00:00:00Z\n', { 'content-type': 'text/csv' }),
        api.post('/api/payments/reconciliations', 'reference,orderNumber\n"unterminated,ORD-1\n', { 'content-type': 'text/csv' }),
        api.post('/api/payments/reconciliations', { rows: [] }),
        api.post('/api/payments/reconciliations', []),
        api.post('/api/payments/reconciliations?from=yesterday', [{ reference: 'r', orderNumber: 'o', type: 'capture', amount: 1, currency: 'EUR', settledAt: '2026-11-24T00:00:00Z' }]),
        // 10:00 in Berlin is before 09:30 UTC
        api.post('/api/payments/reconciliations?from=2026-11-24T09:30:00Z&to=2026-11-24T10:00:00%2B01:00', [{ reference: 'r', orderNumber: 'o', type: 'capture', amount: 1, currency: 'EUR', settledAt: '2026-11-24T00:00:00Z' }]),
        api.get('/api/payments/reconciliations/not-a-uuid'),
        api.get(`/api/payments/reconciliations/${randomUUID()}`),
        api.as(tokenFor('customer')).post('/api/payments/reconciliations', []),
      ]);
      expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 404, 403]);
      expect([...new Set(refused[0].body.errors.map((e: { field: string }) => e.field))]).toEqual(['rows[0].amount', 'rows[0].settledAt', 'rows[1].type']);
      expect(refused[1].body.errors[0].message).toMatch(/^the CSV cannot be read/);
      expect(refused[4].body.errors).toEqual([{ field: 'from', message: expect.any(String) }]);
      expect(refused[5].body.errors).toEqual([{ field: 'to', message: 'must be after from' }]);
      expect(await runs()).toBe(before);
    });
  });
});
