import { Client, createClient } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { Api, orderBody, tokenFor } from '../support/api';
import { waitFor } from '../support/infra';
import { JWT_SECRET, TestStack } from '../support/stack';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** GraphQL beside REST: the same RPC calls, roles, ownership and errors, with cost limits and live subscriptions. */
describe('GraphQL API', () => {
  const stack = new TestStack({ gateway: { GRAPHQL_MAX_DEPTH: '4' } });
  let api: Api;
  const sockets: Client[] = [];

  beforeAll(async () => {
    await stack.start(['gateway', 'order-service', 'inventory-service', 'shipment-service']);
    api = new Api(stack.gatewayUrl);
    for (const sku of ['GQL-1', 'GQL-2', 'GQL-BULK']) expect((await api.put(`/api/inventory/${sku}`, { onHand: 1000 })).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await stack.stop();
  });

  const graphql = async (query: string, variables: Record<string, unknown> = {}, token: string | null = tokenFor('admin'), headers: Record<string, string> = {}) => {
    const response = await api.as(token).post('/graphql', { query, variables }, headers);
    return { status: response.status, data: response.body?.data as Json, errors: response.body?.errors as Json[] | undefined, extensions: response.body?.extensions as Json };
  };
  const codes = (errors: Json[] | undefined) => (errors ?? []).map((error) => error.extensions?.code);

  const place = async (customer = 'customer-1', sku = 'GQL-1', qty = 2) => {
    const placed = await api.as(tokenFor('checkout')).post('/api/orders', orderBody({
      customer: { id: customer, email: `${customer}@example.com`, fullName: `Customer ${customer}` },
      items: [{ sku, name: 'Mug', qty, price: 10 }, { sku: 'GQL-2', name: 'Plate', qty: 1, price: 5.5 }],
    }));
    expect(placed.status).toBe(201);
    return placed.body;
  };
  const reserved = async (customer?: string, sku?: string) => {
    const order = await place(customer, sku);
    await waitFor(async () => (await api.get(`/api/orders/${order.id}`)).body.inventoryStatus === 'reserved', 20_000, 'the reservation');
    await waitFor(async () => (await api.get(`/api/orders/${order.id}/shipments`)).status === 200, 10_000, 'the shipment service to know the order');
    return order;
  };

  const ORDER_FIELDS = `id orderNumber orderDate currency customerEmail customerFullName status { code name badge progress } paymentStatus { code }
    shipmentStatus { code } grandTotal subTotal shippingFee totalQty itemCount isCancellable isShippable isRefundable isPreOrder
    items { sku qty lineTotal } shipments { shipmentNumber carrier trackingNumber status trackingHistory { status applied } }`;

  it('refuses a missing or bad token (UNAUTHENTICATED) and a customer on a staff query (FORBIDDEN), with no stack trace', async () => {
    const anonymous = await graphql('{ orders { nodes { id } } }', {}, null);
    expect(codes(anonymous.errors)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.data?.orders ?? null).toBeNull();
    expect(codes((await graphql('{ orders { nodes { id } } }', {}, 'not-a-token')).errors)).toEqual(['UNAUTHENTICATED']);
    const customer = await graphql('{ orders { nodes { id } } }', {}, tokenFor('customer'));
    expect(codes(customer.errors)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify([anonymous, customer])).not.toMatch(/stacktrace|at \w+ \(/);
  });

  it('answers an order with its items, shipments and computed flags, by uuid or number, as REST does', async () => {
    const order = await reserved();
    const { data, errors } = await graphql(`query($id: ID!, $number: String!) {
      byId: order(id: $id) { ${ORDER_FIELDS} }
      byNumber: orderByNumber(orderNumber: $number) { id }
    }`, { id: order.id, number: order.orderNumber });
    expect(errors).toBeUndefined();
    const rest = (await api.get(`/api/orders/${order.id}`)).body;
    expect(data.byId).toMatchObject({
      id: order.id, orderNumber: order.orderNumber, orderDate: rest.createdAt, currency: 'EUR', customerEmail: 'customer-1@example.com',
      status: { code: 'pending', name: expect.any(String) }, grandTotal: order.grandTotal, subTotal: 25.5, totalQty: 3, itemCount: 2,
      isCancellable: true, isShippable: true, isRefundable: false, isPreOrder: false, shipments: [],
    });
    expect(data.byId.items).toEqual([{ sku: 'GQL-1', qty: 2, lineTotal: 20 }, { sku: 'GQL-2', qty: 1, lineTotal: 5.5 }]);
    expect(data.byNumber.id).toBe(order.id);
  });

  it('lists orders filtered, sorted and paged by number or by cursor, counting them only when asked', async () => {
    const customer = `pager-${Date.now()}`;
    for (let i = 0; i < 3; i++) await place(customer);
    const page = (args: string) => graphql(`{ orders(${args}) { nodes { id customerId } pageInfo { currentPage limit hasNextPage endCursor total } } }`);
    const first = await page(`filter: { customerId: "${customer}" }, sort: { field: CREATED_AT, direction: ASC }, limit: 2`);
    expect(first.errors).toBeUndefined();
    expect(first.data.orders.pageInfo).toMatchObject({ currentPage: 1, limit: 2, hasNextPage: true, total: 3 });
    const second = await page(`filter: { customerId: "${customer}" }, sort: { field: CREATED_AT, direction: ASC }, limit: 2, page: 2`);
    const byCursor = await page(`filter: { customerId: "${customer}" }, sort: { field: CREATED_AT, direction: ASC }, limit: 2, after: "${first.data.orders.pageInfo.endCursor}"`);
    expect(second.data.orders.nodes).toHaveLength(1);
    expect(byCursor.data.orders.nodes).toEqual(second.data.orders.nodes);
    expect(byCursor.data.orders.pageInfo.currentPage).toBeNull();
    expect([...first.data.orders.nodes, ...second.data.orders.nodes].every((node: Json) => node.customerId === customer)).toBe(true);
  });

  it('answers the statuses, the statistics, the work lists and the stock, as their REST routes do', async () => {
    const shippedOrder = await reserved();
    expect((await api.post(`/api/orders/${shippedOrder.id}/shipments`, { carrier: 'UPS' })).status).toBe(201);
    await waitFor(async () => (await api.get(`/api/orders/${shippedOrder.id}`)).body.status.code === 'shipped', 10_000, 'the order to be shipped');
    expect((await api.put('/api/inventory/GQL-LOW', { onHand: 1, lowStockThreshold: 5 })).status).toBe(200);
    const { data, errors } = await graphql(`{
      orderStatuses { orderStatus { code name } }
      orderStats { totalOrders pendingOrders shippedOrders counts currencies { currency orders totalRevenue } }
      pendingOrders(limit: 100) { id status { code } }
      processingOrders { status { code } }
      shippedOrders(limit: 100) { nodes { id status { code } } }
      stock(sku: "GQL-1") { sku onHand reserved available }
      lowStock(limit: 100) { nodes { sku available lowStockThreshold } endCursor }
    }`);
    expect(errors).toBeUndefined();
    const rest = async (path: string) => (await api.get(path)).body;
    expect(data.orderStatuses).toEqual({ orderStatus: (await rest('/api/order-statuses')).orderStatus.map(({ code, name }: Json) => ({ code, name })) });
    const stats = await rest('/api/orders/stats');
    expect(data.orderStats).toMatchObject({ counts: stats.counts, pendingOrders: stats.counts.pending, shippedOrders: stats.counts.shipped });
    expect(data.orderStats.totalOrders).toBe(Object.values(stats.counts as Record<string, number>).reduce((sum, n) => sum + n, 0));
    expect(data.pendingOrders.every((order: Json) => order.status.code === 'pending')).toBe(true);
    expect(data.processingOrders.every((order: Json) => order.status.code === 'processing')).toBe(true);
    expect(data.shippedOrders.nodes.map((order: Json) => order.id)).toContain(shippedOrder.id);
    expect(data.shippedOrders.nodes.every((order: Json) => order.status.code === 'shipped')).toBe(true);
    expect(data.stock).toEqual((({ sku, onHand, reserved, available }) => ({ sku, onHand, reserved, available }))(await rest('/api/inventory/GQL-1')));
    expect(data.lowStock.nodes).toContainEqual({ sku: 'GQL-LOW', available: 1, lowStockThreshold: 5 });
    expect(codes((await graphql('{ stock(sku: "NO-SUCH-SKU") { sku } }')).errors)).toEqual(['NOT_FOUND']);
  });

  it('names the argument of a bad filter, page size or cursor (BAD_USER_INPUT)', async () => {
    const badDate = await graphql('{ orders(filter: { search: "ab", dateRange: { start: "yesterday" } }) { nodes { id } } }');
    expect(codes(badDate.errors)).toEqual(['BAD_USER_INPUT']);
    expect(badDate.errors![0].extensions.problem.errors.map((e: Json) => e.field).sort()).toEqual(['filter.dateRange.start', 'filter.search']);
    const unknownStatus = await graphql('{ orders(filter: { status: "lost" }) { nodes { id } } }');
    expect(unknownStatus.errors![0].extensions.problem.errors).toEqual([{ field: 'filter.status', message: expect.stringContaining('must be one of') }]);
    const tooLarge = await graphql('{ orders(limit: 500) { nodes { id } } }');
    expect(tooLarge.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problem: { errors: [{ field: 'limit' }] } });
    const forged = await graphql('{ orders(after: "bm90LWEtY3Vyc29y") { nodes { id } } }');
    expect(forged.errors![0].extensions.problem.errors).toEqual([{ field: 'after', message: expect.stringContaining('cursor') }]);
    const badId = await graphql('{ order(id: "1 OR 1=1") { id } }');
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problem: { errors: [{ field: 'id' }] } });
    const badShipment = await graphql('mutation { markOrderDelivered(id: "ORD-1", shipmentId: "not-a-uuid") { id } }');
    expect(badShipment.errors![0].extensions.problem.errors).toEqual([{ field: 'shipmentId', message: expect.any(String) }]);
    const wrongType = await graphql('{ orders(limit: "ten") { nodes { id } } }');
    expect(codes(wrongType.errors)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('keeps customers to their own orders through order, orderByNumber, myOrders and the nested fields', async () => {
    const mine = await place('customer-7');
    const theirs = await place('customer-8');
    const customer7 = tokenFor('customer', 'customer-7');
    const own = await graphql('query($id: ID!) { order(id: $id) { id activities { type customerNotified } } }', { id: mine.id }, customer7);
    expect(own.data.order.id).toBe(mine.id);
    expect(own.data.order.activities.every((activity: Json) => activity.customerNotified)).toBe(true);
    for (const query of ['query($id: ID!) { order(id: $id) { id customerEmail } }', 'query($n: String!) { orderByNumber(orderNumber: $n) { id customerEmail } }']) {
      const other = await graphql(query, { id: theirs.id, n: theirs.orderNumber }, customer7);
      expect(codes(other.errors)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(other)).not.toContain('customer-8@example.com');
    }
    const list = await graphql('{ myOrders(limit: 50) { nodes { id customerId items { sku } } } }', {}, customer7);
    expect(list.data.myOrders.nodes.map((node: Json) => node.id)).toEqual([mine.id]);
    expect(codes((await graphql('{ myOrders { nodes { id } } }')).errors)).toEqual(['FORBIDDEN']);
  });

  it('loads a page of 50 orders with items and shipments in three RPC calls, one per level', async () => {
    const customer = `bulk-${Date.now()}`;
    await Promise.all(Array.from({ length: 50 }, () => place(customer, 'GQL-BULK', 1)));
    const rpcCalls = async () => {
      const text = await (await fetch(stack.metricsUrl)).text();
      const counts: Record<string, number> = {};
      for (const [, pattern, count] of text.matchAll(/oms_rpc_duration_seconds_count\{[^}]*pattern="([^"]+)"[^}]*\} (\d+)/g)) counts[pattern] = (counts[pattern] ?? 0) + Number(count);
      return counts;
    };
    const before = await rpcCalls();
    const { data, errors, extensions } = await graphql(`{ orders(limit: 50, filter: { customerId: "${customer}" }) {
      nodes { orderNumber grandTotal items { sku qty lineTotal } shipments { shipmentNumber status } } } }`);
    const after = await rpcCalls();
    expect(errors).toBeUndefined();
    expect(data.orders.nodes).toHaveLength(50);
    expect(data.orders.nodes.every((node: Json) => node.items.length === 2)).toBe(true);
    const made = Object.fromEntries(Object.entries(after).map(([pattern, count]) => [pattern, count - (before[pattern] ?? 0)]).filter(([, n]) => n));
    expect(made).toEqual({ 'orders.list': 1, 'orders.get_many': 1, 'shipments.list_for_orders': 1 });
    expect(extensions.cost).toBeGreaterThan(50);
  });

  it('refuses a query nested too deeply or costing too much before running it', async () => {
    const deep = await graphql('{ orders { nodes { shipments { trackingHistory { status } } } } }');
    expect(codes(deep.errors)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(deep.errors![0].message).toMatch(/depth limit of 4/);
    const list = 'orders(limit: 100) { nodes { activities { type message author customerNotified createdAt } items { sku name qty price lineTotal } payments { type amount provider } } }';
    const single = await graphql(`{ ${list} }`);
    expect(single.errors).toBeUndefined();
    expect(single.extensions.cost).toBeLessThan(20_000);
    const expensive = await graphql(`{ a: ${list} b: ${list} }`);
    expect(expensive.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20_000 });
    expect(expensive.data).toBeUndefined();
  });

  describe('mutations', () => {
    const mutate = (mutation: string, variables: Record<string, unknown>, token?: string) => graphql(mutation, variables, token ?? tokenFor('admin'));

    it('change statuses and notes along the configured transitions, refusing one that is not (CONFLICT)', async () => {
      const order = await place();
      const changed = await mutate(`mutation($id: ID!) { updateOrderStatus(id: $id, input: { shipmentStatus: "processing", notes: "gift wrap" }) { shipmentStatus { code } notes } }`, { id: order.id });
      expect(changed.data.updateOrderStatus).toEqual({ shipmentStatus: { code: 'processing' }, notes: 'gift wrap' });
      const notes = await mutate('mutation($id: ID!) { updateOrderNotes(id: $id, notes: "leave at the door") { notes } }', { id: order.orderNumber });
      expect(notes.data.updateOrderNotes.notes).toBe('leave at the door');
      const refused = await mutate('mutation($id: ID!) { updateOrderStatus(id: $id, input: { paymentStatus: "refunded" }) { id } }', { id: order.id });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', problem: { status: 409 } });
      const invalid = await mutate('mutation($id: ID!) { updateOrderNotes(id: $id, notes: $notes) { id } }'.replace('$notes', JSON.stringify('x'.repeat(2001))), { id: order.id });
      expect(invalid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problem: { errors: [{ field: 'notes' }] } });
    });

    it('record a payment, refund part of it once per idempotency key, and refuse refunding more than captured', async () => {
      const order = await place();
      const paid = await mutate(`mutation($id: ID!) { recordPayment(id: $id, input: { type: "capture", amount: ${order.grandTotal}, provider: "psp", reference: "cap-${order.id}" }) {
        paymentStatus { code } isRefundable isCancellable payment { captured refundable } } }`, { id: order.id });
      expect(paid.errors).toBeUndefined();
      expect(paid.data.recordPayment).toMatchObject({ paymentStatus: { code: 'paid' }, isRefundable: true, isCancellable: false, payment: { captured: order.grandTotal } });
      const refund = 'mutation($id: ID!, $key: String) { refundOrder(id: $id, amount: "10.00", reason: "damaged", idempotencyKey: $key) { refunds { amount } payment { refunded } } }';
      const once = await mutate(refund, { id: order.id, key: `refund-${order.id}` });
      const again = await mutate(refund, { id: order.id, key: `refund-${order.id}` });
      expect(once.data.refundOrder.refunds).toEqual([{ amount: 10 }]);
      expect(again.data.refundOrder).toEqual(once.data.refundOrder);
      const tooMuch = await mutate('mutation($id: ID!) { refundOrder(id: $id, amount: 1000, reason: "all of it") { id } }', { id: order.id });
      expect(codes(tooMuch.errors)).toEqual(['CONFLICT']);
      const cancel = await mutate('mutation($id: ID!) { cancelOrder(id: $id, reason: "late") { id } }', { id: order.id });
      expect(cancel.errors![0].extensions).toMatchObject({ code: 'CONFLICT', problem: { detail: expect.stringContaining('not cancelable') } });
    });

    it('ship: createShipment, then tracking and delivery on the open shipment, and updateOrderShipping creating one for what is left', async () => {
      const order = await reserved();
      const [mug] = order.items;
      const created = await mutate(`mutation($id: ID!, $item: ID!) { createShipment(id: $id, input: { carrier: "UPS", items: [{ orderItemId: $item, qty: 2 }] }) { shipmentId status items { sku qty } } }`,
        { id: order.id, item: mug.orderItemId });
      expect(created.errors).toBeUndefined();
      expect(created.data.createShipment.items).toEqual([{ sku: 'GQL-1', qty: 2 }]);
      // something is left (the plate): a shipping change without shipmentId ships it
      const rest = await mutate('mutation($id: ID!) { updateOrderShipping(id: $id, input: { carrier: "DHL", trackingNumber: "DHL-1" }) { shipments { carrier trackingNumber } } }', { id: order.id });
      expect(rest.data.updateOrderShipping.shipments).toEqual([{ carrier: 'UPS', trackingNumber: null }, { carrier: 'DHL', trackingNumber: 'DHL-1' }]);
      // the order's roll-up follows the shipment service's events
      const shipped = () => graphql('query($id: ID!) { order(id: $id) { shipmentStatus { code } isShippable } }', { id: order.id });
      await waitFor(async () => (await shipped()).data.order.shipmentStatus.code === 'shipped', 10_000, 'the roll-up to shipped');
      expect((await shipped()).data.order.isShippable).toBe(false);
      // nothing is left: tracking goes on the named shipment
      const tracked = await mutate('mutation($id: ID!, $s: ID) { addOrderTracking(id: $id, tracking: "1Z999", shipmentId: $s) { shipments { trackingNumber } } }',
        { id: order.id, s: created.data.createShipment.shipmentId });
      expect(tracked.data.addOrderTracking.shipments.map((s: Json) => s.trackingNumber)).toEqual(['1Z999', 'DHL-1']);
      const delivered = await mutate('mutation($id: ID!) { markOrderDelivered(id: $id) { shipments { status } } }', { id: order.id });
      expect(delivered.errors).toBeUndefined();
      expect(delivered.data.markOrderDelivered.shipments.map((s: Json) => s.status)).toEqual(['delivered', 'delivered']);
      await waitFor(async () => (await graphql('query($id: ID!) { order(id: $id) { shipmentStatus { code } } }', { id: order.id })).data.order.shipmentStatus.code === 'delivered', 10_000, 'the roll-up');
      const nothingLeft = await mutate('mutation($id: ID!) { markOrderDelivered(id: $id) { id } }', { id: order.id });
      expect(codes(nothingLeft.errors)).toEqual(['CONFLICT']);
    });

    it('cancel: a customer its own order, NOT_FOUND for another’s; staff-only mutations are FORBIDDEN to customers', async () => {
      const order = await reserved('customer-9');
      const stranger = await mutate('mutation($id: ID!) { cancelOrder(id: $id) { id } }', { id: order.id }, tokenFor('customer', 'customer-10'));
      expect(codes(stranger.errors)).toEqual(['NOT_FOUND']);
      const notes = await mutate('mutation($id: ID!) { updateOrderNotes(id: $id, notes: "mine") { id } }', { id: order.id }, tokenFor('customer', 'customer-9'));
      expect(codes(notes.errors)).toEqual(['FORBIDDEN']);
      const canceled = await mutate('mutation($id: ID!) { cancelOrder(id: $id, reason: "changed my mind") { status { code } cancelPending isCancellable } }', { id: order.id }, tokenFor('customer', 'customer-9'));
      expect(canceled.errors).toBeUndefined();
      expect(canceled.data.cancelOrder.isCancellable).toBe(false);
      await waitFor(async () => (await api.get(`/api/orders/${order.id}`)).body.status.code === 'canceled', 10_000, 'the cancel');
    });
  });

  describe('subscriptions (graphql-ws)', () => {
    const connect = (token: string | null) => {
      const client = createClient({
        url: stack.gatewayUrl.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, retryAttempts: 0, lazy: false,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        onNonLazyError: () => undefined,
      });
      sockets.push(client);
      return client;
    };
    /** A subscription's messages up to the first that `until` accepts (or an error). */
    const take = (client: Client, query: string, variables: Record<string, unknown>, until: (message: Json) => boolean = () => true) => {
      const messages: Json[] = [];
      let stop = () => undefined as void;
      const done = new Promise<Json[]>((resolve, reject) => {
        stop = client.subscribe({ query, variables }, {
          next: (message) => {
            messages.push(message);
            if (until(message) || message.errors) resolve(messages);
          },
          error: (error) => reject(error),
          complete: () => resolve(messages),
        });
      });
      return { done: done.finally(() => stop()), started: new Promise((resolve) => setTimeout(resolve, 500)) };
    };

    it('tells a subscriber when its order ships, and staff of every order change', async () => {
      const order = await reserved('customer-11');
      const customer = take(connect(tokenFor('customer', 'customer-11')), 'subscription($id: ID!) { orderUpdated(id: $id) { orderNumber shipmentStatus { code } shipments { carrier } } }',
        { id: order.id }, (message) => message.data?.orderUpdated.shipmentStatus.code === 'shipped');
      const staff = take(connect(tokenFor('admin')), 'subscription { ordersChanged { type orderId order { orderNumber } } }', {});
      await Promise.all([customer.started, staff.started]);
      expect((await api.post(`/api/orders/${order.id}/shipments`, { carrier: 'UPS' })).status).toBe(201);
      const updates = await customer.done;
      expect(updates.length).toBeLessThanOrEqual(3); // a burst of events is one message, not one each
      expect(updates[updates.length - 1].data.orderUpdated).toMatchObject({ orderNumber: order.orderNumber, shipmentStatus: { code: 'shipped' }, shipments: [{ carrier: 'UPS' }] });
      const [changes] = await staff.done;
      expect(changes.data.ordersChanged[0]).toMatchObject({ orderId: order.id, order: { orderNumber: order.orderNumber } });
    });

    it('refuses another customer’s order, a customer on the staff feed, and a connection without a valid token', async () => {
      const order = await place('customer-12');
      const client = connect(tokenFor('customer', 'customer-13'));
      const other = await take(client, 'subscription($id: ID!) { orderUpdated(id: $id) { id } }', { id: order.id }).done.catch((errors) => [{ errors }]);
      expect(codes(other[0].errors)).toEqual(['NOT_FOUND']);
      const feed = await take(client, 'subscription { ordersChanged { orderId } }', {}).done.catch((errors) => [{ errors }]);
      expect(codes(feed[0].errors)).toEqual(['FORBIDDEN']);
      const anonymous = await take(connect(null), 'subscription { ordersChanged { orderId } }', {}).done.catch((error) => error);
      expect(anonymous).toMatchObject({ code: 4403 });
    });

    it('closes a connection when its token expires', async () => {
      const shortLived = jwt.sign({ role: 'admin', exp: Math.floor(Date.now() / 1000) + 2 }, JWT_SECRET, { subject: 'staff-1' });
      const closed = await take(connect(shortLived), 'subscription { ordersChanged { orderId } }', {}).done.catch((error) => error);
      expect(closed).toMatchObject({ code: 4401, reason: 'The token expired' });
    });
  });

  it('refuses hostile bodies with a 4xx, never a 5xx', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const bodies = [
      deep, '[{"query":"{ orderStatuses { orderStatus { code } } }"}]', JSON.stringify({ query: '{ order(id: "ORD\u0000") { id } }' }),
      JSON.stringify({ query: '{ orders { nodes { id } } }', variables: { constructor: { prototype: 1 } } }), JSON.stringify({ query: '{ orders(limit: 99999999999) { nodes { id } } }' }),
    ];
    for (const body of bodies) {
      const response = await api.request('POST', '/graphql', body, { 'content-type': 'application/json' });
      expect({ body: body.slice(0, 60), status: response.status >= 400 && response.status < 500 || (response.status === 200 && !!response.body.errors) }).toEqual({ body: body.slice(0, 60), status: true });
      expect(response.status).toBeLessThan(500);
    }
  });

  it('keeps REST as it was beside it', async () => {
    // reserved first: right after placing, whether it already is (and can ship) is a race
    const order = await reserved();
    expect((await api.get(`/api/orders/${order.id}`)).body).toMatchObject({ id: order.id, actions: { cancel: true, ship: true, refund: false } });
  });
});
