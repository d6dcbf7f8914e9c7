import { Api, orderBody } from '../support/api';
import { waitFor } from '../support/infra';
import { RabbitCluster } from '../support/rabbit-cluster';
import { TestStack } from '../support/stack';

const ORDERS = 240;
const SKU = 'CLUSTER-1';

/**
 * The system on a three-node RabbitMQ cluster: the node leading the inventory's event queue stops while
 * orders flow; the apps move to the other nodes, and nothing is lost or applied twice.
 */
describe('on a RabbitMQ cluster that loses a node', () => {
  const cluster = new RabbitCluster();
  let stack: TestStack;
  let api: Api;

  beforeAll(async () => {
    await cluster.start(3);
    stack = new TestStack({ all: { AMQP_URL: cluster.url } });
    await stack.start(['gateway', 'order-service', 'inventory-service', 'shipment-service']);
    api = new Api(stack.gatewayUrl);
    expect((await api.put(`/api/inventory/${SKU}`, { onHand: 100_000 })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await cluster.stop();
  });

  /** As a checkout does: the same Idempotency-Key until the order is answered (not 5xx, not a dropped connection). */
  const place = async (i: number) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await api.request('POST', '/api/orders', orderBody({ items: [{ sku: SKU, name: 'Mug', qty: 1 + (i % 3), price: 2 }] }), { 'idempotency-key': `cluster-${i}` })
        .catch(() => ({ status: 0, body: null }));
      if (response.status > 0 && response.status < 500) return response;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`order ${i} was never answered`);
  };

  it('keeps taking and reserving orders on the other two nodes, each once', async () => {
    // every queue that holds work is a quorum queue: event, retry, dead-letter, RPC and unroutable queues
    const { stdout } = await cluster.ctl(cluster.nodes[0], 'list_queues', 'name', 'type');
    const notQuorum = stdout.trim().split('\n').map((line) => line.split('\t')).filter(([name, type]) => name && name !== 'name' && !name.startsWith('amq.') && type !== 'quorum');
    expect(notQuorum).toEqual([]);
    // the apps connect to the first node, and a queue is led by the node its declarer is connected to: stopping
    // it drops every connection and moves every queue's leadership
    const victim = await cluster.leaderOf('inventory-service.events');
    expect(victim).toBe(cluster.nodes[0]);
    const survivor = cluster.nodes[1];
    const placed: string[] = [];
    let stopped = false;
    for (let i = 0; i < ORDERS; i += 8) {
      const batch = await Promise.all(Array.from({ length: 8 }, (_, k) => place(i + k)));
      for (const response of batch) {
        expect(response.status).toBe(201);
        placed.push(response.body.id);
      }
      if (!stopped && placed.length >= ORDERS / 3) {
        stopped = true;
        await cluster.stopNode(victim);
      }
    }
    expect(new Set(placed).size).toBe(ORDERS);
    expect((await cluster.leaderOf('inventory-service.events', survivor)).name).not.toBe(victim.name);

    const orders = stack.db('order-service');
    await waitFor(async () => (await orders.query(`SELECT count(*)::int AS n FROM orders WHERE inventory_status = 'reserving'`)).rows[0].n === 0,
      60_000, 'every order to be settled');
    const { rows: [settled] } = await orders.query(`SELECT count(*)::int AS orders, count(*) FILTER (WHERE inventory_status = 'reserved')::int AS reserved, sum(total_qty)::int AS units FROM orders`);
    expect(settled).toEqual({ orders: ORDERS, reserved: ORDERS, units: expect.any(Number) });

    // stock reserved equals the orders' units, one reservation movement per order, no event applied twice
    const inventory = stack.db('inventory-service');
    expect((await api.get(`/api/inventory/${SKU}`)).body).toMatchObject({ onHand: 100_000, reserved: settled.units });
    const { rows: [movements] } = await inventory.query(`SELECT count(*)::int AS n, count(DISTINCT order_id)::int AS orders FROM stock_movement WHERE kind = 'reservation'`);
    expect(movements).toEqual({ n: ORDERS, orders: ORDERS });
    const { rows: twice } = await orders.query(`SELECT order_id FROM order_activity WHERE type = 'stock_reserved' GROUP BY 1 HAVING count(*) > 1`);
    expect(twice).toEqual([]);

    // every queue drained on the nodes that are left, every outbox published
    await waitFor(async () => Object.entries(await cluster.queueDepths(survivor)).filter(([, n]) => n > 0).length === 0, 60_000, 'every queue to be empty');
    for (const service of ['order-service', 'inventory-service', 'shipment-service'] as const) {
      expect({ service, unpublished: (await stack.db(service).query('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL')).rows[0].n })
        .toEqual({ service, unpublished: 0 });
    }
  }, 240_000);
});
