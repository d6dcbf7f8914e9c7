import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, EventTypes, RpcMeta } from '@oms/contracts';
import { openDatabase } from '@oms/persistence';
import { loadConfig } from '@oms/platform';
import { orderBody } from '../../../test/support/api';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';
import { ADMIN as admin, eventDelivery, logger, outboxOf, refusal, unitOfWorkWithoutBroker } from '../../../test/support/service';
import { OrderServiceConfig } from '../src/config/order-service.config';
import { orderServiceMigrations } from '../src/migrations';
import { AddActivityCommand } from '../src/orders/commands/add-activity.command';
import { CancelOrderCommand } from '../src/orders/commands/cancel-order.command';
import { PlaceOrderCommand } from '../src/orders/commands/place-order.command';
import { UpdateOrderCommand } from '../src/orders/commands/update-order.command';
import { OrderAggregate } from '../src/orders/domain/order-aggregate';
import { OrderStatuses, validateStatusConfig } from '../src/orders/domain/order-statuses';
import statusJson from '../src/orders/domain/order-statuses.json';
import { InventoryOutcomes } from '../src/orders/events/inventory-outcomes';
import { NotificationOutcomes } from '../src/orders/events/notification-outcomes';
import { ShipmentOutcomes } from '../src/orders/events/shipment-outcomes';
import { CancelOutcomes } from '../src/orders/persistence/cancel-outcomes';
import { OrderRepository } from '../src/orders/persistence/order.repository';
import { GetOrderQuery } from '../src/orders/queries/get-order.query';
import { PaymentRepository } from '../src/payments/persistence/payment.repository';

/**
 * The order service's commands and handlers on a real database, driven directly (the gateway, the broker
 * and the other services have their own tests): duplicates, races, and the versions events carry.
 */
describe('order lifecycle', () => {
  const id = newTestId();
  let db: DataSource;
  let orders: OrderRepository;
  let place: PlaceOrderCommand;
  let cancel: CancelOrderCommand;
  let update: UpdateOrderCommand;
  let addActivity: AddActivityCommand;
  let outcomes: CancelOutcomes;
  let events: ReturnType<typeof eventDelivery>;

  beforeAll(async () => {
    const config = loadConfig(OrderServiceConfig, { POSTGRES_URL, DATABASE_NAME: `${id}_order`, CANCEL_WAIT_MS: '2000' });
    db = await openDatabase({ url: config.databaseUrl(), poolSize: 8, entities: [], migrations: orderServiceMigrations, applicationName: 'order-lifecycle-test' });
    const statuses = new OrderStatuses(validateStatusConfig(JSON.parse(JSON.stringify(statusJson))));
    const aggregate = new OrderAggregate(statuses);
    orders = new OrderRepository(db);
    const unitOfWork = unitOfWorkWithoutBroker(db);
    const getOrder = new GetOrderQuery(orders, statuses, aggregate, new PaymentRepository(db));
    outcomes = new CancelOutcomes(config, logger);
    place = new PlaceOrderCommand(unitOfWork, orders, statuses, aggregate, config);
    cancel = new CancelOrderCommand(unitOfWork, orders, aggregate, outcomes, getOrder, config);
    update = new UpdateOrderCommand(unitOfWork, orders, aggregate, getOrder);
    addActivity = new AddActivityCommand(unitOfWork, orders, aggregate);
    // the handlers as the consumer discovers them: every @OnEvent method of the service's event classes
    events = eventDelivery(db, [new InventoryOutcomes(orders, aggregate), new ShipmentOutcomes(orders, aggregate), new NotificationOutcomes(orders, aggregate)]);
  });
  it('declares one handler per event the order service subscribes to', () => {
    expect(events.types()).toEqual([
      EventTypes.InventoryReservationFailed, EventTypes.InventoryReserved, EventTypes.NotificationFailed, EventTypes.NotificationSent,
      EventTypes.ShipmentCancelAcknowledged, EventTypes.ShipmentCancelRejected, EventTypes.ShipmentCreated, EventTypes.ShipmentStatusChanged,
    ].sort());
  });

  afterAll(async () => {
    await outcomes.onModuleDestroy();
    await db.destroy();
    await dropDatabases(`${id}_`);
  });

  const deliver = (type: string, payload: object) => events.deliver(type, payload);
  const row = async (orderId: string) => (await db.query('SELECT * FROM orders WHERE id = $1', [orderId]))[0];
  const outbox = async (orderId: string) => (await outboxOf(db, [orderId])).map((e) => ({ event_type: e.type, aggregate_version: e.version }));
  const history = async (orderId: string) => (await db.query('SELECT type, data FROM order_activity WHERE order_id = $1 ORDER BY created_at, id', [orderId])) as { type: string; data: Record<string, unknown> }[];
  const placeOrder = async (meta: RpcMeta = admin) => place.execute(orderBody(), meta);

  it('places an order once per Idempotency-Key, even for concurrent duplicates', async () => {
    const meta = { ...admin, idempotencyKey: `k-${randomUUID()}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => placeOrder(meta)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await outbox(results[0].id)).toEqual([expect.objectContaining({ event_type: EventTypes.OrderPlaced, aggregate_version: 1 })]);
    expect((await history(results[0].id)).map((h) => h.type)).toEqual(['order_placed']);
  });

  it('refuses customers: prices come from the shop', async () => {
    const customer: Actor = { sub: 'c-1', role: 'customer' };
    expect((await refusal(placeOrder({ ...admin, actor: customer })))?.status).toBe(403);
  });

  it('records a reservation once; a late failure changes nothing', async () => {
    const order = await placeOrder();
    await deliver(EventTypes.InventoryReserved, { orderId: order.id, lines: [] });
    await deliver(EventTypes.InventoryReserved, { orderId: order.id, lines: [] });
    await deliver(EventTypes.InventoryReservationFailed, { orderId: order.id, reason: 'insufficient_stock', shortLines: [{ sku: 'SKU-1', requested: 1, available: 0 }] });
    expect(await row(order.id)).toMatchObject({ inventory_status: 'reserved', status: 'pending', version: 2 });
    expect((await history(order.id)).map((h) => h.type)).toEqual(['order_placed', 'stock_reserved']);
  });

  it('records the reservations of many orders in one call, and none when one of them does not exist', async () => {
    const [a, b] = [await placeOrder(), await placeOrder()];
    const unknown = randomUUID();
    await expect(events.deliverMany(EventTypes.InventoryReserved, [a.id, unknown, b.id].map((orderId) => ({ orderId, lines: [] }))))
      .rejects.toThrow(`order ${unknown} does not exist`);
    expect(await row(a.id)).toMatchObject({ inventory_status: 'reserving', version: 1 });
    await events.deliverMany(EventTypes.InventoryReserved, [b.id, a.id].map((orderId) => ({ orderId, lines: [] })));
    for (const order of [a, b]) {
      expect(await row(order.id)).toMatchObject({ inventory_status: 'reserved', version: 2 });
      expect((await history(order.id)).map((h) => h.type)).toEqual(['order_placed', 'stock_reserved']);
    }
  });

  it('puts the messages sent and failed for many orders on their timelines in one call', async () => {
    const [a, b] = [await placeOrder(), await placeOrder()];
    const outcome = (orderId: string, error: string | null) => ({
      notificationId: randomUUID(), orderId, channel: 'email', template: 'order-confirmed', recipient: 'ann@example.com', description: 'Order confirmation emailed to ann@example.com', error,
    });
    await events.deliverMany(EventTypes.NotificationSent, [outcome(a.id, null), outcome(b.id, null)]);
    await events.deliverMany(EventTypes.NotificationFailed, [outcome(b.id, 'mailbox full')]);
    expect((await history(a.id)).map((h) => h.type)).toEqual(['order_placed', 'notification_sent']);
    expect((await history(b.id)).map((h) => h.type)).toEqual(['order_placed', 'notification_sent', 'notification_failed']);
    expect(await row(b.id)).toMatchObject({ version: 1 }); // the order itself did not change
  });

  it('cancels an order whose stock could not be reserved, with the version in its event', async () => {
    const order = await placeOrder();
    await deliver(EventTypes.InventoryReservationFailed, { orderId: order.id, reason: 'insufficient_stock', shortLines: [{ sku: 'SKU-1', requested: 1, available: 0 }] });
    expect(await row(order.id)).toMatchObject({ status: 'canceled', inventory_status: 'failed', version: 2 });
    expect((await outbox(order.id)).map((e) => [e.event_type, e.aggregate_version])).toEqual([[EventTypes.OrderPlaced, 1], [EventTypes.OrderCanceled, 2]]);
  });

  it('answers a cancel as soon as the shipment service acknowledges it, without polling', async () => {
    const order = await placeOrder();
    const started = Date.now();
    const answer = cancel.execute(order.id, { reason: 'changed my mind' }, admin);
    // the acknowledgement arrives while the cancel waits: the notification at its commit ends the wait
    setTimeout(() => void deliver(EventTypes.ShipmentCancelAcknowledged, { orderId: order.id }), 200);
    const { settled, order: view } = await answer;
    expect({ settled, status: view.status.code, elapsedUnderWait: Date.now() - started < 1900 }).toEqual({ settled: true, status: 'canceled', elapsedUnderWait: true });
    expect((await history(order.id)).map((h) => h.type)).toEqual(['order_placed', 'cancel_requested', 'order_canceled']);
    expect((await outbox(order.id)).map((e) => [e.event_type, e.aggregate_version])).toEqual([
      [EventTypes.OrderPlaced, 1], [EventTypes.OrderCancelRequested, 2], [EventTypes.OrderCanceled, 3],
    ]);
  });

  it('reports a refused cancel with the reason from the typed history', async () => {
    const order = await placeOrder();
    const answer = refusal(cancel.execute(order.id, {}, admin));
    setTimeout(() => void deliver(EventTypes.ShipmentCancelRejected, { orderId: order.id, reason: 'shipment SHP-9 has already shipped' }), 200);
    const error = await answer;
    expect(error).toMatchObject({ status: 409, message: `Order ${order.orderNumber} was not canceled. Cancellation refused: shipment SHP-9 has already shipped` });
    expect((await history(order.id)).at(-1)).toEqual({ type: 'cancel_refused', data: { reason: 'shipment SHP-9 has already shipped' } });
  });

  it('answers 202 when no answer comes within the wait, and one cancel of many concurrent ones is requested', async () => {
    const order = await placeOrder();
    const answers = await Promise.all(Array.from({ length: 3 }, () => cancel.execute(order.id, {}, admin)));
    expect(answers.map((a) => a.settled)).toEqual([false, false, false]);
    expect((await outbox(order.id)).filter((e) => e.event_type === EventTypes.OrderCancelRequested)).toHaveLength(1);
  });

  it('refuses a shipment of a canceled order as a rule, not a retry', async () => {
    const order = await placeOrder();
    await deliver(EventTypes.InventoryReservationFailed, { orderId: order.id, reason: 'insufficient_stock', shortLines: [{ sku: 'SKU-1', requested: 1, available: 0 }] });
    const shipment = { shipmentId: randomUUID(), orderId: order.id, shipmentNumber: 'SHP-X', carrier: 'ups', trackingNumber: null, notifyCustomer: true, items: [{ orderItemId: order.items[0].orderItemId, sku: 'SKU-1', qty: 1 }] };
    expect((await refusal(deliver(EventTypes.ShipmentCreated, shipment)))?.status).toBe(409);
    expect(await db.query('SELECT * FROM order_shipment WHERE order_id = $1', [order.id])).toEqual([]);
  });

  it('changes statuses by the configured transitions and keeps a note without touching the order', async () => {
    const order = await placeOrder();
    await update.execute(order.id, { paymentStatus: 'paid' }, admin);
    expect((await refusal(update.execute(order.id, { paymentStatus: 'pending' }, admin)))?.status).toBe(409);
    await addActivity.execute(order.id, { message: 'called the customer', customerNotified: false }, admin);
    expect(await row(order.id)).toMatchObject({ payment_status: 'paid', status: 'processing', version: 2 });
    expect((await history(order.id)).map((h) => [h.type, h.data])).toEqual([
      ['order_placed', { orderNumber: order.orderNumber }], ['status_changed', { group: 'paymentStatus', from: 'pending', to: 'paid' }], ['note', {}],
    ]);
    expect((await outbox(order.id)).map((e) => [e.event_type, e.aggregate_version])).toEqual([[EventTypes.OrderPlaced, 1], [EventTypes.OrderStatusChanged, 2]]);
  });
});
