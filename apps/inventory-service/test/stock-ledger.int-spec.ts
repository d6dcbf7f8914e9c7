import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { EventEnvelope, EventTypes, OrderPlacedPayload } from '@oms/contracts';
import { openDatabase } from '@oms/persistence';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';
import { ReleaseForOrderCommand } from '../src/stock/commands/release-for-order.command';
import { ReserveForOrderCommand } from '../src/stock/commands/reserve-for-order.command';
import { RestockForRefundCommand } from '../src/stock/commands/restock-for-refund.command';
import { ReverseSaleCommand } from '../src/stock/commands/reverse-sale.command';
import { SellForShipmentCommand } from '../src/stock/commands/sell-for-shipment.command';
import { StockRepository } from '../src/stock/persistence/stock.repository';
import { inventoryMigrations } from '../src/stock/persistence/migrations';

/** The SKUs whose stock the ledger does not explain (shared with the bench). */
const unexplainedStock = readFileSync(join(__dirname, 'unexplained-stock.sql'), 'utf8');

/**
 * The inventory use cases on a real database, driven directly (the event plumbing has its own tests):
 * concurrency, duplicates, events out of order, partial shipments, refunds, and random sequences of all
 * of them. After every scenario the stock ledger must explain the stock exactly.
 */
/** What `order.refunded` says of the money; restocking looks only at the lines. */
const refundMoney = { orderNumber: 'ORD-REFUND', amount: 1000, currency: 'EUR', reason: 'returned' };

describe('stock ledger', () => {
  const id = newTestId();
  let db: DataSource;
  let stock: StockRepository;
  let reserve: ReserveForOrderCommand;
  let release: ReleaseForOrderCommand;
  let sell: SellForShipmentCommand;
  let restock: RestockForRefundCommand;
  let reverse: ReverseSaleCommand;

  beforeAll(async () => {
    db = await openDatabase({ url: `${POSTGRES_URL}/${id}_inventory`, poolSize: 24, entities: [], migrations: inventoryMigrations, applicationName: 'ledger-test' });
    stock = new StockRepository(db);
    reserve = new ReserveForOrderCommand(stock);
    release = new ReleaseForOrderCommand(stock);
    sell = new SellForShipmentCommand(stock);
    restock = new RestockForRefundCommand(stock);
    reverse = new ReverseSaleCommand(stock);
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabases(`${id}_`);
  });
  afterEach(() => expectLedgerExplainsStock());

  const tx = <T>(work: (m: import('typeorm').EntityManager) => Promise<T>) => db.transaction(work);
  const setStock = (sku: string, onHand: number) =>
    tx(async (m) => {
      await stock.upsert(m, { sku, onHand: 0, lowStockThreshold: 0, allowBackorder: false });
      await stock.lockMany(m, [sku]);
      const current = (await stock.lockMany(m, [sku])).get(sku)!;
      await stock.move(m, 'adjustment', [{ sku, onHandDelta: onHand - current.onHand, reservedDelta: 0 }], { reason: 'test' });
    });
  const placed = (orderId: string, lines: [string, number][]): OrderPlacedPayload => ({
    orderId, orderNumber: `T-${orderId.slice(0, 6)}`, customerId: null, customerEmail: 'a@b.co', customerFullName: 'A', shippingAddress: {},
    currency: 'EUR', grandTotal: 100, orderType: 'regular',
    lines: lines.map(([sku, qty]) => ({ orderItemId: randomUUID(), sku, name: sku, qty })),
  });
  const asEvent = (payload: OrderPlacedPayload): EventEnvelope<OrderPlacedPayload> =>
    ({ id: randomUUID(), type: EventTypes.OrderPlaced, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, aggregateId: payload.orderId, aggregateVersion: 1, payload });
  /** Orders placed together, as the consumer hands a batch of order.placed to the handler. */
  const reserveAll = (events: EventEnvelope<OrderPlacedPayload>[]) => tx((m) => reserve.execute(events, m));
  const reserveOne = (order: OrderPlacedPayload) => reserveAll([asEvent(order)]);
  const level = async (sku: string) => (await stock.find(sku))!;
  const outcome = async (orderId: string) =>
    (await db.query('SELECT status FROM order_reservation WHERE order_id = $1', [orderId]))[0]?.status ?? null;

  /** on hand and reserved equal their movements; reserved equals what live reservations still hold; nothing below zero. */
  async function expectLedgerExplainsStock() {
    const mismatches = await db.query(unexplainedStock, [null]);
    expect(mismatches).toEqual([]);
  }

  it('never oversells under 1,000 concurrent reservations over 20 SKUs in batches, and gives every order one outcome', async () => {
    const skus = Array.from({ length: 20 }, (_, i) => `C${i}`);
    await Promise.all(skus.map((sku, i) => setStock(sku, 10 + i)));
    const orders = Array.from({ length: 1000 }, (_, i) => {
      const picked = new Set([skus[i % 20], skus[(i * 7 + 3) % 20], skus[(i * 13 + 5) % 20]].slice(0, 1 + (i % 3)));
      return placed(randomUUID(), [...picked].map((sku) => [sku, 1 + (i % 2)]));
    });
    // batches of 1 to 16 orders at once, all in parallel: their SKU locks overlap in every way
    const batches: OrderPlacedPayload[][] = [];
    for (let i = 0; i < orders.length; i += batches.at(-1)!.length) batches.push(orders.slice(i, i + 1 + (batches.length % 16)));
    await Promise.all(batches.map((batch) => reserveAll(batch.map(asEvent))));

    const outcomes = await db.query(`SELECT status, count(*)::int AS n FROM order_reservation WHERE order_id = ANY($1) GROUP BY status`, [orders.map((o) => o.orderId)]);
    expect(outcomes.reduce((sum: number, r: { n: number }) => sum + r.n, 0)).toBe(1000);
    const events = await db.query(`SELECT routing_key, count(DISTINCT envelope->'payload'->>'orderId')::int AS orders, count(*)::int AS n
      FROM outbox_message WHERE routing_key LIKE 'inventory.reserv%' GROUP BY 1`);
    expect(events.reduce((sum: number, r: { n: number }) => sum + r.n, 0)).toBe(1000);
    expect(events.every((r: { n: number; orders: number }) => r.n === r.orders)).toBe(true);
    for (const [i, sku] of skus.entries()) {
      const { onHand, reserved } = await level(sku);
      expect(onHand).toBe(10 + i);
      expect(reserved).toBeLessThanOrEqual(onHand);
    }
    // the stock ran out: most of the 1,000 were refused, and SKUs were sold out to the last unit
    expect(outcomes.find((r: { status: string }) => r.status === 'failed').n).toBeGreaterThan(500);
  });

  it('applies a duplicate order.placed, order.canceled or shipment.created once', async () => {
    await setStock('D1', 10);
    const order = placed(randomUUID(), [['D1', 3]]);
    await reserveOne(order);
    await reserveOne(order);
    expect(await level('D1')).toMatchObject({ onHand: 10, reserved: 3 });

    const shipment = { shipmentId: randomUUID(), orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'S-1', items: [{ orderItemId: order.lines[0].orderItemId, sku: 'D1', qty: 1 }] };
    await tx((m) => sell.execute(shipment, m));
    await tx((m) => sell.execute(shipment, m));
    expect(await level('D1')).toMatchObject({ onHand: 9, reserved: 2 });

    const canceled = { orderId: order.orderId, orderNumber: order.orderNumber, reason: 'test' };
    await tx((m) => release.execute(canceled, m));
    await tx((m) => release.execute(canceled, m));
    expect(await level('D1')).toMatchObject({ onHand: 9, reserved: 0 });
  });

  it('reserves a batch of orders in the order they came, each against what those before it left, each once', async () => {
    await setStock('B1', 4);
    await tx((m) => stock.upsert(m, { sku: 'B1', onHand: 4, lowStockThreshold: 2, allowBackorder: false }));
    await setStock('B2', 5);
    const [early, first, second, tooMany, third, late, unknown] = [
      [['B1', 1]], [['B1', 1]], [['B1', 1], ['B2', 2]], [['B1', 2]], [['B1', 1]], [['B1', 1]], [['B-NONE', 1]],
    ].map((lines) => placed(randomUUID(), lines as [string, number][]));
    await reserveOne(early);
    const events = [early, first, second, tooMany, third, late, unknown].map(asEvent);
    await reserveAll(events);

    expect(await level('B1')).toMatchObject({ onHand: 4, reserved: 4 });
    expect(await level('B2')).toMatchObject({ onHand: 5, reserved: 2 });
    const outcomes = await Promise.all([early, first, second, tooMany, third, late, unknown].map((o) => outcome(o.orderId)));
    expect(outcomes).toEqual(['reserved', 'reserved', 'reserved', 'failed', 'reserved', 'failed', 'failed']);
    const outbox = await db.query(`SELECT routing_key, envelope->'payload' AS payload, envelope->>'correlationId' AS correlation FROM outbox_message
      WHERE envelope->'payload'->>'orderId' = ANY($1) OR envelope->'payload'->>'sku' = 'B1' ORDER BY seq`, [events.map((e) => e.payload.orderId)]);
    const byOrder = (order: OrderPlacedPayload) => outbox.filter((row: { payload: { orderId?: string } }) => row.payload.orderId === order.orderId);
    expect(byOrder(early).map((row: { routing_key: string }) => row.routing_key)).toEqual(['inventory.reserved']); // once, not again in the batch
    expect(byOrder(tooMany)).toEqual([expect.objectContaining({
      routing_key: 'inventory.reservation_failed', correlation: events[3].correlationId,
      payload: expect.objectContaining({ shortLines: [{ sku: 'B1', requested: 2, available: 1 }] }),
    })]);
    expect(byOrder(late)[0].payload.shortLines).toEqual([{ sku: 'B1', requested: 1, available: 0 }]);
    // available went 3 -> 2 -> 1 across the threshold of 2 with the second order of the batch: one alert, in its name
    const alerts = outbox.filter((row: { routing_key: string }) => row.routing_key === 'inventory.low_stock');
    expect(alerts).toEqual([expect.objectContaining({ payload: { sku: 'B1', available: 1, threshold: 2 }, correlation: events[2].correlationId })]);
    const movements = await db.query(`SELECT order_id, sku, reserved_delta FROM stock_movement WHERE kind = 'reservation' AND order_id = ANY($1) ORDER BY id`,
      [events.map((e) => e.payload.orderId)]);
    expect(movements).toEqual([
      { order_id: early.orderId, sku: 'B1', reserved_delta: 1 }, { order_id: first.orderId, sku: 'B1', reserved_delta: 1 },
      { order_id: second.orderId, sku: 'B1', reserved_delta: 1 }, { order_id: second.orderId, sku: 'B2', reserved_delta: 2 },
      { order_id: third.orderId, sku: 'B1', reserved_delta: 1 },
    ]);
  });

  it('reserves nothing for an order whose cancel arrived before it was placed', async () => {
    await setStock('E1', 5);
    const order = placed(randomUUID(), [['E1', 2]]);
    await tx((m) => release.execute({ orderId: order.orderId, orderNumber: order.orderNumber, reason: 'early' }, m));
    await reserveOne(order);
    expect(await outcome(order.orderId)).toBe('canceled_before_placed');
    expect(await level('E1')).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('refuses an order of SKUs it does not stock, once, with the reason', async () => {
    const order = placed(randomUUID(), [['NOT-STOCKED-1', 1], ['NOT-STOCKED-2', 2]]);
    await reserveOne(order);
    await reserveOne(order);
    expect(await outcome(order.orderId)).toBe('failed');
    const [refusal, ...more] = await db.query(`SELECT envelope->'payload' AS payload FROM outbox_message
      WHERE routing_key = 'inventory.reservation_failed' AND envelope->'payload'->>'orderId' = $1`, [order.orderId]);
    expect(more).toEqual([]);
    expect(refusal.payload).toMatchObject({ reason: 'insufficient_stock', shortLines: [expect.objectContaining({ sku: 'NOT-STOCKED-1' }), expect.objectContaining({ sku: 'NOT-STOCKED-2' })] });
  });

  it('waits for the reservation when a shipment arrives before it, and refuses to ship a released order', async () => {
    await setStock('F1', 5);
    const order = placed(randomUUID(), [['F1', 2]]);
    const shipment = { shipmentId: randomUUID(), orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'S-2', items: [{ orderItemId: order.lines[0].orderItemId, sku: 'F1', qty: 2 }] };
    await expect(tx((m) => sell.execute(shipment, m))).rejects.toThrow(/reservation is unknown/); // retried by the consumer
    await reserveOne(order);
    await tx((m) => release.execute({ orderId: order.orderId, orderNumber: order.orderNumber, reason: 'x' }, m));
    await expect(tx((m) => sell.execute(shipment, m))).rejects.toThrow(/reservation is released/);
    expect(await level('F1')).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('releases only the unshipped rest when an order is canceled after a partial shipment', async () => {
    await setStock('G1', 10);
    await setStock('G2', 10);
    const order = placed(randomUUID(), [['G1', 4], ['G2', 2]]);
    await reserveOne(order);
    await tx((m) => sell.execute({ shipmentId: randomUUID(), orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'S-3',
      items: [{ orderItemId: order.lines[0].orderItemId, sku: 'G1', qty: 3 }] }, m));
    await tx((m) => release.execute({ orderId: order.orderId, orderNumber: order.orderNumber, reason: 'rest canceled' }, m));
    expect(await level('G1')).toMatchObject({ onHand: 7, reserved: 0 });
    expect(await level('G2')).toMatchObject({ onHand: 10, reserved: 0 });
    const releases = await db.query(`SELECT sku, reserved_delta FROM stock_movement WHERE order_id = $1 AND kind = 'release' ORDER BY sku`, [order.orderId]);
    expect(releases).toEqual([{ sku: 'G1', reserved_delta: -1 }, { sku: 'G2', reserved_delta: -2 }]);
  });

  it('gives the units of a voided shipment back to the order, once, and can ship them again', async () => {
    await setStock('V1', 10);
    const order = placed(randomUUID(), [['V1', 3]]);
    await reserveOne(order);
    const shipment = { shipmentId: randomUUID(), orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'S-V',
      items: [{ orderItemId: order.lines[0].orderItemId, sku: 'V1', qty: 2 }] };
    await expect(tx((m) => reverse.execute(shipment, m))).rejects.toThrow(/not booked yet/); // overtook its sale: retried
    await tx((m) => sell.execute(shipment, m));
    expect(await level('V1')).toMatchObject({ onHand: 8, reserved: 1 });
    await tx((m) => reverse.execute(shipment, m));
    await tx((m) => reverse.execute(shipment, m));
    expect(await level('V1')).toMatchObject({ onHand: 10, reserved: 3 });
    await tx((m) => sell.execute({ ...shipment, shipmentId: randomUUID(), items: [{ ...shipment.items[0], qty: 3 }] }, m));
    expect(await level('V1')).toMatchObject({ onHand: 7, reserved: 0 });
  });

  it('refuses to ship more than is reserved and unshipped', async () => {
    await setStock('H1', 10);
    const order = placed(randomUUID(), [['H1', 2]]);
    await reserveOne(order);
    await expect(tx((m) => sell.execute({ shipmentId: randomUUID(), orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'S-4',
      items: [{ orderItemId: order.lines[0].orderItemId, sku: 'H1', qty: 3 }] }, m))).rejects.toThrow(/only 2 are reserved and unshipped/);
    expect(await level('H1')).toMatchObject({ onHand: 10, reserved: 2 });
  });

  it('restocks shipped units of a refund once, and never more than shipped', async () => {
    await setStock('R1', 10);
    const order = placed(randomUUID(), [['R1', 3]]);
    await reserveOne(order);
    await tx((m) => sell.execute({ shipmentId: randomUUID(), orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'S-5',
      items: [{ orderItemId: order.lines[0].orderItemId, sku: 'R1', qty: 2 }] }, m));
    const refund = { ...refundMoney, refundId: randomUUID(), orderId: order.orderId, lines: [{ orderItemId: order.lines[0].orderItemId, sku: 'R1', qty: 3, restock: true }] };
    await tx((m) => restock.execute(refund, m));
    await tx((m) => restock.execute(refund, m));
    expect(await level('R1')).toMatchObject({ onHand: 10, reserved: 1 });
    await tx((m) => restock.execute({ ...refund, refundId: randomUUID() }, m)); // nothing shipped is left to restock
    expect(await level('R1')).toMatchObject({ onHand: 10, reserved: 1 });
  });

  it('keeps its invariants over random sequences of place, ship, cancel, refund and adjust', async () => {
    const skus = ['P1', 'P2', 'P3'];
    const command = fc.oneof(
      // one to three orders placed together (one batch of order.placed)
      fc.record({ kind: fc.constant('place' as const), orders: fc.array(fc.uniqueArray(fc.tuple(fc.constantFrom(...skus), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 3, selector: ([sku]) => sku }), { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('ship' as const), order: fc.nat(), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('cancel' as const), order: fc.nat() }),
      fc.record({ kind: fc.constant('refund' as const), order: fc.nat(), restock: fc.boolean() }),
      fc.record({ kind: fc.constant('adjust' as const), sku: fc.constantFrom(...skus), delta: fc.integer({ min: -3, max: 5 }) }),
      fc.record({ kind: fc.constant('replay' as const), step: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
        await db.query('TRUNCATE stock_movement, reservation_line, order_reservation, shipment_sale, refund_restock, stock_item, outbox_message');
        for (const sku of skus) await setStock(sku, 6);
        const orders: OrderPlacedPayload[] = [];
        const done: (() => Promise<unknown>)[] = [];
        for (const c of commands) {
          let step: (() => Promise<unknown>) | undefined;
          if (c.kind === 'place') {
            const batch = c.orders.map((lines) => asEvent(placed(randomUUID(), lines)));
            orders.push(...batch.map((event) => event.payload));
            step = () => reserveAll(batch);
          } else if (c.kind === 'adjust') {
            step = () => tx(async (m) => {
              const current = (await stock.lockMany(m, [c.sku])).get(c.sku)!;
              if (current.onHand + c.delta >= current.reserved) {
                await stock.move(m, 'adjustment', [{ sku: c.sku, onHandDelta: c.delta, reservedDelta: 0 }], { reason: 'prop' });
              }
            });
          } else if (c.kind === 'replay') {
            step = done.length ? done[c.step % done.length] : undefined; // redelivery of an earlier event
          } else if (orders.length) {
            const order = orders[c.order % orders.length];
            if (c.kind === 'cancel') step = () => tx((m) => release.execute({ orderId: order.orderId, orderNumber: order.orderNumber, reason: 'prop' }, m));
            if (c.kind === 'refund') {
              const refund = { ...refundMoney, refundId: randomUUID(), orderId: order.orderId,
                lines: order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku, qty: l.qty, restock: c.restock })) };
              step = () => tx((m) => restock.execute(refund, m));
            }
            if (c.kind === 'ship') {
              const items = order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku, qty: Math.max(1, Math.floor(l.qty * c.fraction)) }));
              const shipmentId = randomUUID();
              // a shipment only exists for a reserved order with enough unshipped units (the shipment service's rule)
              step = () => tx(async (m) => {
                if ((await stock.lockReservation(m, order.orderId)) !== 'reserved') return;
                const left = new Map((await stock.reservationLines(m, order.orderId)).map((l) => [l.sku, l.qty - l.shippedQty]));
                if (items.every((i) => (left.get(i.sku) ?? 0) >= i.qty)) await sell.execute({ shipmentId, orderId: order.orderId, carrier: 'UPS', trackingNumber: null, notifyCustomer: false, shipmentNumber: 'P', items }, m);
              });
            }
          }
          if (!step) continue;
          await step();
          // events can be delivered again; an adjustment is a command, not an event
          if (c.kind !== 'adjust' && c.kind !== 'replay') done.push(step);
        }
        await expectLedgerExplainsStock();
      }),
      { numRuns: 40 },
    );
  });
});
