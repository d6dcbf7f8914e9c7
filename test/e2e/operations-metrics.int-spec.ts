import { readFileSync } from 'node:fs';
import { Api, orderBody } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/** What operators alert on: latency by route and RPC pattern, events by type, the outbox backlog, queue depths, and an access log. */
describe('operations metrics', () => {
  const stack = new TestStack();
  let api: Api;

  beforeAll(async () => {
    await stack.start();
    api = new Api(stack.gatewayUrl);
  });
  afterAll(() => stack.stop());

  const metrics = async (url: string) => (await fetch(url)).text();

  it('exposes them after an order went through, and logs each request with its correlation id', async () => {
    await api.put('/api/inventory/OPS-1', { onHand: 5 });
    const placed = await api.post('/api/orders', orderBody({ items: [{ sku: 'OPS-1', name: 'Mug', qty: 1, price: 5 }] }), { 'x-correlation-id': 'ops-metrics-1' });
    expect(placed.status).toBe(201);
    await waitFor(async () => ((await api.get(`/api/orders/${placed.body.id}`)).body.inventoryStatus === 'reserved' ? true : null), 20_000, 'the reservation');
    expect((await api.get('/api/orders/ORD-999999')).status).toBe(404);

    const gateway = await metrics(stack.metricsUrl);
    expect(gateway).toMatch(/oms_http_request_duration_seconds_count\{[^}]*method="POST",route="\/api\/orders",status="201"[^}]*\} 1/);
    expect(gateway).toMatch(/oms_http_request_duration_seconds_count\{[^}]*method="GET",route="\/api\/orders\/:id",status="404"[^}]*\} 1/);
    expect(gateway).toMatch(/oms_rpc_duration_seconds_count\{[^}]*service="order-service",pattern="orders.place",outcome="ok"[^}]*\} 1/);
    expect(gateway).toMatch(/oms_rpc_duration_seconds_count\{[^}]*service="order-service",pattern="orders.get",outcome="refused"[^}]*\} 1/);

    const orders = await metrics(`${stack.url('order-service')}/metrics`);
    expect(orders).toMatch(/oms_outbox_published_total\{[^}]*type="order.placed"[^}]*\} 1/);
    expect(orders).toMatch(/^oms_outbox_backlog(\{[^}]*\})? 0$/m);
    expect(orders).toMatch(/^oms_outbox_oldest_unpublished_seconds(\{[^}]*\})? 0$/m);
    expect(orders).toMatch(/oms_events_consumed_total\{[^}]*type="inventory.reserved",outcome="applied"[^}]*\} 1/);
    expect(orders).toMatch(/^oms_queue_messages\{[^}]*queue="order-service.events"[^}]*\} 0$/m);
    expect(orders).toMatch(/^oms_queue_messages\{[^}]*queue="order-service.events.dlq"[^}]*\} 0$/m);

    const log = readFileSync(`/tmp/oms-test-logs/${stack.id}/gateway.log`, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({
      correlationId: 'ops-metrics-1', req: { method: 'POST', url: '/api/orders' }, res: { statusCode: 201 }, responseTime: expect.any(Number),
    })]));
  });
});
