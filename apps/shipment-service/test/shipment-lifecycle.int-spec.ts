import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventTypes, OrderPlacedPayload } from '@oms/contracts';
import { openDatabase } from '@oms/persistence';
import { AppError, loadConfig } from '@oms/platform';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';
import { ADMIN as admin, eventDelivery, outboxOf, refusal, unitOfWorkWithoutBroker } from '../../../test/support/service';
import { ShipmentServiceConfig } from '../src/config/shipment-service.config';
import { CreateShipmentCommand } from '../src/shipments/commands/create-shipment.command';
import { TrackingUpdates } from '../src/shipments/commands/tracking-updates';
import { UpdateShipmentCommand } from '../src/shipments/commands/update-shipment.command';
import { OrderReplicaEvents } from '../src/shipments/events/order-replica.events';
import { shipmentMigrations } from '../src/shipments/persistence/migrations';
import { ShipmentRepository } from '../src/shipments/persistence/shipment.repository';

/**
 * The shipment service's commands and event handlers on a real database, driven directly: the order
 * replica, partial and concurrent shipments, Idempotency-Keys, a cancel racing a shipment, tracking
 * updates out of order, and a shipment voided before pickup.
 */
describe('shipment lifecycle', () => {
  const id = newTestId();
  let db: DataSource;
  let create: CreateShipmentCommand;
  let update: UpdateShipmentCommand;
  let events: ReturnType<typeof eventDelivery>;

  beforeAll(async () => {
    const config = loadConfig(ShipmentServiceConfig, { POSTGRES_URL, DATABASE_NAME: `${id}_shipment` });
    db = await openDatabase({ url: config.databaseUrl(), poolSize: 12, entities: [], migrations: shipmentMigrations, applicationName: 'shipment-lifecycle-test' });
    const shipments = new ShipmentRepository(db);
    const unitOfWork = unitOfWorkWithoutBroker(db);
    const tracking = new TrackingUpdates(shipments);
    create = new CreateShipmentCommand(unitOfWork, shipments, config);
    update = new UpdateShipmentCommand(unitOfWork, shipments, tracking);
    events = eventDelivery(db, [new OrderReplicaEvents(shipments)]);
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabases(`${id}_`);
  });

  const deliver = (type: string, payload: object) => events.deliver(type, payload);
  const outbox = async (aggregateIds: string[]) => (await outboxOf(db, aggregateIds)).map((e) => e.type);

  /** An order the replica knows, with one line of `qty` units, reserved unless said otherwise. */
  async function knownOrder(qty = 3, reserved = true) {
    const orderId = randomUUID();
    const line = { orderItemId: randomUUID(), sku: 'SKU-1', name: 'Mug', qty };
    const placed: OrderPlacedPayload = {
      orderId, orderNumber: `ORD-${orderId.slice(0, 6)}`, customerId: null, customerEmail: 'a@b.co', customerFullName: 'Ann', shippingAddress: { city: 'Berlin' },
      currency: 'EUR', grandTotal: 100, orderType: 'regular', lines: [line],
    };
    // events out of order: the reservation may arrive before the order itself
    if (reserved) await deliver(EventTypes.InventoryReserved, { orderId, lines: [{ sku: 'SKU-1', qty }] });
    await deliver(EventTypes.OrderPlaced, placed);
    return { orderId, orderNumber: placed.orderNumber, line };
  }

  it('records the replicas of many orders in one call, each fact whenever it comes', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const placed = (orderId: string) => ({
      orderId, orderNumber: `ORD-${orderId.slice(0, 6)}`, customerId: null, customerEmail: 'a@b.co', customerFullName: 'Ann', shippingAddress: { city: 'Oslo' },
      currency: 'EUR', grandTotal: 100, orderType: 'regular', lines: [{ orderItemId: randomUUID(), sku: 'SKU-1', name: 'Mug', qty: 1 }],
    });
    await events.deliverMany(EventTypes.InventoryReserved, [{ orderId: a, lines: [] }, { orderId: b, lines: [] }]);
    await events.deliverMany(EventTypes.OrderPlaced, [placed(c), placed(a), placed(b)]);
    await events.deliverMany(EventTypes.OrderCanceled, [{ orderId: b, orderNumber: `ORD-${b.slice(0, 6)}`, reason: 'customer' }]);
    await events.deliverMany(EventTypes.InventoryReservationFailed, [{ orderId: c, reason: 'out of stock', shortLines: [] }]);
    const rows: { order_id: string; lines: unknown[] }[] = await db.query(
      'SELECT order_id, order_number, stock_status, canceled, customer_name, lines FROM order_replica WHERE order_id = ANY($1)', [[a, b, c]]);
    const byId = new Map(rows.map((row) => [row.order_id, row]));
    expect(byId.get(a)).toMatchObject({ order_number: `ORD-${a.slice(0, 6)}`, stock_status: 'reserved', canceled: false, customer_name: 'Ann' });
    expect(byId.get(b)).toMatchObject({ stock_status: 'reserved', canceled: true });
    expect(byId.get(c)).toMatchObject({ stock_status: 'failed', canceled: false });
    expect(byId.get(c)!.lines).toHaveLength(1);
  });

  it('refuses to ship an order whose stock is not reserved, or that it does not know', async () => {
    const order = await knownOrder(1, false);
    expect(await refusal(create.execute(order.orderId, { carrier: 'ups' }, admin))).toMatchObject({ status: 409, message: expect.stringContaining('not reserved') });
    expect((await refusal(create.execute(randomUUID(), { carrier: 'ups' }, admin)))?.status).toBe(404);
  });

  it('ships partially, then what is left, and never more than ordered', async () => {
    const order = await knownOrder(3);
    const first = await create.execute(order.orderId, { carrier: 'ups', items: [{ orderItemId: order.line.orderItemId, qty: 2 }] }, admin);
    expect(first.items).toEqual([{ orderItemId: order.line.orderItemId, sku: 'SKU-1', qty: 2 }]);
    expect(await refusal(create.execute(order.orderId, { carrier: 'ups', items: [{ orderItemId: order.line.orderItemId, qty: 2 }] }, admin))).toMatchObject({ status: 409, message: expect.stringContaining('2 requested, 1 left') });
    const rest = await create.execute(order.orderNumber, { carrier: 'dhl' }, admin);
    expect(rest.items[0].qty).toBe(1);
    expect(await outbox([first.shipmentId, rest.shipmentId])).toEqual([EventTypes.ShipmentCreated, EventTypes.ShipmentCreated]);
  });

  it('lets one of ten concurrent shipments of everything win', async () => {
    const order = await knownOrder(5);
    const results = await Promise.all(Array.from({ length: 10 }, () => create.execute(order.orderId, { carrier: 'ups' }, admin).then((s) => s, (e: AppError) => e)));
    expect(results.filter((r) => !(r instanceof AppError))).toHaveLength(1);
    expect(results.filter((r) => r instanceof AppError).map((r) => (r as AppError).status)).toEqual(Array(9).fill(409));
  });

  it('creates one shipment per Idempotency-Key, whether the path names the order by uuid or number', async () => {
    const order = await knownOrder(2);
    const meta = { ...admin, idempotencyKey: `k-${randomUUID()}` };
    const body = { carrier: 'ups', items: [{ orderItemId: order.line.orderItemId, qty: 1 }] };
    const [a, b] = await Promise.all([create.execute(order.orderId, body, meta), create.execute(order.orderNumber, body, meta)]);
    expect(b.shipmentId).toBe(a.shipmentId);
    expect((await db.query('SELECT count(*)::int AS n FROM shipment WHERE order_id = $1', [order.orderId]))[0].n).toBe(1);
  });

  it('decides a cancel against shipping under the order’s lock: acknowledged when nothing shipped, rejected otherwise', async () => {
    const open = await knownOrder(1);
    await deliver(EventTypes.OrderCancelRequested, { orderId: open.orderId, orderNumber: open.orderNumber, reason: 'x' });
    expect(await refusal(create.execute(open.orderId, { carrier: 'ups' }, admin))).toMatchObject({ status: 409, message: expect.stringContaining('canceled') });
    const shipped = await knownOrder(1);
    await create.execute(shipped.orderId, { carrier: 'ups' }, admin);
    await deliver(EventTypes.OrderCancelRequested, { orderId: shipped.orderId, orderNumber: shipped.orderNumber, reason: 'x' });
    expect(await outbox([open.orderId, shipped.orderId])).toEqual([EventTypes.ShipmentCancelAcknowledged, EventTypes.ShipmentCancelRejected]);
  });

  it('moves tracking forward only, keeps older updates in the history, and voids a shipment once', async () => {
    const order = await knownOrder(1);
    const shipment = await create.execute(order.orderId, { carrier: 'ups', trackingNumber: '1Z' }, admin);
    const now = Date.now();
    await update.execute(order.orderId, shipment.shipmentId, { status: 'out_for_delivery', occurredAt: new Date(now).toISOString() }, admin);
    const stale = await update.execute(order.orderId, shipment.shipmentId, { status: 'in_transit', occurredAt: new Date(now - 60_000).toISOString() }, admin);
    expect(stale.status).toBe('out_for_delivery');
    // the history is in the order things happened, each update marked applied or not
    expect(stale.trackingHistory.map((t) => [t.status, t.applied])).toEqual([['in_transit', false], ['out_for_delivery', true]]);

    const voidable = await knownOrder(1);
    const parcel = await create.execute(voidable.orderId, { carrier: 'ups' }, admin);
    await update.execute(voidable.orderId, parcel.shipmentId, { status: 'canceled' }, admin);
    await update.execute(voidable.orderId, parcel.shipmentId, { status: 'canceled' }, admin);
    expect(await outbox([parcel.shipmentId])).toEqual([EventTypes.ShipmentCreated, EventTypes.ShipmentStatusChanged, EventTypes.ShipmentCanceled]);
  });
});
