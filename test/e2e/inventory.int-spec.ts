import { Api, orderBody } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

describe('inventory through the gateway', () => {
  const stack = new TestStack();
  let api: Api;

  beforeAll(async () => {
    await stack.start(['gateway', 'order-service', 'inventory-service']);
    api = new Api(stack.gatewayUrl);
  });
  afterAll(() => stack.stop());

  const reservedOrder = async (sku: string, qty: number) => {
    const placed = await api.post('/api/orders', orderBody({ items: [{ sku, name: sku, qty, price: 1 }] }));
    await waitFor(async () => (await api.get(`/api/orders/${placed.body.id}`)).body.inventoryStatus === 'reserved', 10_000, `order of ${qty} × ${sku}`);
  };
  const lowStockEvents = async (sku: string) =>
    (await stack.db('inventory-service').query(`SELECT count(*)::int AS n FROM outbox_message WHERE routing_key = 'inventory.low_stock' AND envelope->'payload'->>'sku' = $1`, [sku])).rows[0].n;

  it('announces low stock once per crossing of the threshold, not once per order', async () => {
    await api.put('/api/inventory/LOW-1', { onHand: 6, lowStockThreshold: 5 });
    await reservedOrder('LOW-1', 2);
    expect(await lowStockEvents('LOW-1')).toBe(1);
    await reservedOrder('LOW-1', 1);
    expect(await lowStockEvents('LOW-1')).toBe(1);
    expect((await api.post('/api/inventory/LOW-1/adjustments', { delta: 10, reason: 'delivery' })).status).toBe(201);
    await reservedOrder('LOW-1', 9);
    expect(await lowStockEvents('LOW-1')).toBe(2);
    const low = await api.get('/api/inventory?lowStock=true');
    expect(low.body.items.map((s: { sku: string }) => s.sku)).toContain('LOW-1');
  });

  it('adjusts stock with a reason, once per Idempotency-Key, and shows the ledger newest first', async () => {
    await api.put('/api/inventory/ADJ-1', { onHand: 5 });
    const key = { 'idempotency-key': 'adjust-ADJ-1-a' };
    const first = await api.post('/api/inventory/ADJ-1/adjustments', { delta: -2, reason: 'damaged in storage' }, key);
    const retry = await api.post('/api/inventory/ADJ-1/adjustments', { delta: -2, reason: 'damaged in storage' }, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sku: 'ADJ-1', kind: 'adjustment', onHandDelta: -2, reservedDelta: 0, reason: 'damaged in storage' });
    expect(retry.body.id).toBe(first.body.id);
    expect((await api.get('/api/inventory/ADJ-1')).body).toMatchObject({ onHand: 3, reserved: 0, available: 3 });

    await reservedOrder('ADJ-1', 2);
    const page1 = await api.get('/api/inventory/ADJ-1/movements?limit=2');
    expect(page1.body.items.map((m: { kind: string }) => m.kind)).toEqual(['reservation', 'adjustment']);
    const page2 = await api.get(`/api/inventory/ADJ-1/movements?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((m: { kind: string; onHandDelta: number }) => [m.kind, m.onHandDelta])).toEqual([['adjustment', 5]]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('pages through stock levels by SKU', async () => {
    for (const sku of ['PG-A', 'PG-B', 'PG-C']) await api.put(`/api/inventory/${sku}`, { onHand: 1 });
    const skus: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { sku: string }[]; nextCursor: string | null } } = await api.get(`/api/inventory?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      skus.push(...page.body.items.map((s) => s.sku));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(skus).toEqual([...skus].sort());
    expect(skus).toEqual(expect.arrayContaining(['PG-A', 'PG-B', 'PG-C']));
  });

  it('refuses bad adjustments and list queries with a problem, changing nothing', async () => {
    await api.put('/api/inventory/BAD-1', { onHand: 3 });
    await reservedOrder('BAD-1', 2);
    const problems = await Promise.all([
      api.post('/api/inventory/BAD-1/adjustments', { delta: -2, reason: 'too much' }),
      api.post('/api/inventory/NONE-1/adjustments', { delta: 1, reason: 'unknown sku' }),
      api.post('/api/inventory/BAD-1/adjustments', { delta: 0, reason: 'nothing' }),
      api.post('/api/inventory/BAD-1/adjustments', { delta: 1 }),
      api.post('/api/inventory/BAD-1/adjustments', { delta: 1.5, reason: 'half', extra: true }),
      api.get('/api/inventory?limit=101'),
      api.get('/api/inventory?lowStock=maybe'),
      api.get('/api/inventory?cursor=not-a-cursor'),
      api.get('/api/inventory/BAD-1/movements?cursor=WyJ4Il0'), // a forged cursor: ["x"]
      api.get('/api/inventory/NONE-1/movements'),
    ]);
    expect(problems.map((p) => p.status)).toEqual([409, 404, 400, 400, 400, 400, 400, 400, 400, 404]);
    for (const problem of problems) expect(problem.contentType).toContain('application/problem+json');
    expect(problems[4].body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['delta', 'extra']);
    expect((await api.get('/api/inventory/BAD-1')).body).toMatchObject({ onHand: 3, reserved: 2 });
    expect((await api.get('/api/inventory/BAD-1/movements')).body.items).toHaveLength(2);
  });
});
