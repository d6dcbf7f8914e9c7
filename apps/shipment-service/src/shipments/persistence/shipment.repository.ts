import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UUID_PATTERN } from '@oms/contracts';
import { Row, sql } from '@oms/persistence';
import { OrderedLine } from '../domain/shipment-plan';

export interface OrderReplica {
  orderId: string;
  orderNumber: string | null;
  lines: OrderedLine[] | null;
  stockStatus: 'unknown' | 'reserved' | 'failed';
  canceled: boolean;
  customerName: string | null;
  shippingAddress: Record<string, string> | null;
}

export interface Shipment {
  id: string;
  shipmentNumber: string;
  orderId: string;
  carrier: string;
  trackingNumber: string | null;
  trackingUrl: string | null;
  status: string;
  note: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  lastEventAt: Date | null;
  items: { orderItemId: string; sku: string; qty: number }[];
  trackingHistory: TrackingEvent[];
}

export interface TrackingEvent {
  status: string;
  occurredAt: Date;
  source: string;
  applied: boolean;
}

export interface LockedShipment {
  id: string;
  orderId: string;
  shipmentNumber: string;
  status: string;
  lastEventAt: Date | null;
  carrier: string;
  trackingNumber: string | null;
}

const toLocked = (row: Row): LockedShipment => ({
  id: row.id, orderId: row.order_id, shipmentNumber: row.shipment_number, status: row.status, lastEventAt: row.last_event_at,
  carrier: row.carrier, trackingNumber: row.tracking_number,
});

/** An order is referred to by its uuid or its order number: the replica column to look it up by. */
const orderColumn = (ref: string) => (UUID_PATTERN.test(ref) ? 'order_id' : 'order_number');

const toReplica = (row: Row): OrderReplica => ({
  orderId: row.order_id, orderNumber: row.order_number, lines: row.lines, stockStatus: row.stock_status, canceled: row.canceled,
  customerName: row.customer_name, shippingAddress: row.shipping_address,
});

/** What one event tells of an order; what it does not know stays as it is. */
export interface OrderFacts {
  orderId: string;
  orderNumber?: string;
  lines?: OrderedLine[];
  stockStatus?: 'reserved' | 'failed';
  canceled?: true;
  customerName?: string;
  shippingAddress?: Record<string, unknown>;
}

// 'unknown' is the stock status of an order no event has reported on: it never overwrites a known one
const RECORD_ORDERS = `
  INSERT INTO order_replica (order_id, order_number, lines, stock_status, canceled, customer_name, shipping_address)
  SELECT id, number, lines, coalesce(stock, 'unknown'), coalesce(canceled, false), name, address
  FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[], $5::boolean[], $6::text[], $7::jsonb[]) AS f (id, number, lines, stock, canceled, name, address)
  ON CONFLICT (order_id) DO UPDATE SET
    order_number = coalesce(EXCLUDED.order_number, order_replica.order_number),
    lines = coalesce(EXCLUDED.lines, order_replica.lines),
    customer_name = coalesce(EXCLUDED.customer_name, order_replica.customer_name),
    shipping_address = coalesce(EXCLUDED.shipping_address, order_replica.shipping_address),
    stock_status = CASE WHEN EXCLUDED.stock_status = 'unknown' THEN order_replica.stock_status ELSE EXCLUDED.stock_status END,
    canceled = order_replica.canceled OR EXCLUDED.canceled,
    updated_at = now()`;

/** All SQL of the order replica and shipments. Writes take the caller's transaction. */
@Injectable()
export class ShipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates or completes the replicas of orders (one statement for any number, one fact each per
   * order); events may arrive in any order, so each sets only what it knows.
   */
  async recordOrders(manager: EntityManager, facts: OrderFacts[]) {
    // in order_id order, so two transactions recording the same orders lock them in the same order
    const sorted = [...facts].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
    const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
    await sql(manager, RECORD_ORDERS, [
      sorted.map((f) => f.orderId), sorted.map((f) => f.orderNumber ?? null), sorted.map((f) => json(f.lines)), sorted.map((f) => f.stockStatus ?? null),
      sorted.map((f) => f.canceled ?? null), sorted.map((f) => f.customerName ?? null), sorted.map((f) => json(f.shippingAddress)),
    ]);
  }

  /** Locks the order's replica row: creating a shipment and acknowledging a cancel both take this lock. */
  async lockOrder(manager: EntityManager, idOrNumber: string): Promise<OrderReplica | null> {
    const [row] = await sql(manager, `SELECT * FROM order_replica WHERE ${orderColumn(idOrNumber)} = $1 FOR UPDATE`, [idOrNumber]);
    return row ? toReplica(row) : null;
  }

  async shippedQuantities(manager: EntityManager, orderId: string): Promise<Map<string, number>> {
    const rows = await sql(manager,
      `SELECT i.order_item_id, sum(i.qty)::int AS qty FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id
       WHERE s.order_id = $1 AND s.status <> 'canceled' GROUP BY i.order_item_id`, [orderId]);
    return new Map(rows.map((r) => [r.order_item_id, r.qty]));
  }

  async firstShipmentNumber(manager: EntityManager, orderId: string): Promise<string | null> {
    const [row] = await sql(manager,
      `SELECT shipment_number FROM shipment WHERE order_id = $1 AND status <> 'canceled' ORDER BY created_at LIMIT 1`, [orderId]);
    return row?.shipment_number ?? null;
  }

  async cancelOrder(manager: EntityManager, orderId: string): Promise<void> {
    await sql(manager, 'UPDATE order_replica SET canceled = true, updated_at = now() WHERE order_id = $1', [orderId]);
  }

  async nextShipmentNumber(manager: EntityManager, prefix: string): Promise<string> {
    const [{ value }] = await sql(manager, `SELECT nextval('shipment_number_seq') AS value`);
    return `${prefix}${String(value).padStart(6, '0')}`;
  }

  async insert(manager: EntityManager, shipment: Omit<Shipment, 'createdAt'>): Promise<void> {
    await sql(manager,
      `INSERT INTO shipment (id, shipment_number, order_id, carrier, tracking_number, tracking_url, status, note, shipped_at, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [shipment.id, shipment.shipmentNumber, shipment.orderId, shipment.carrier, shipment.trackingNumber, shipment.trackingUrl,
        shipment.status, shipment.note, shipment.shippedAt]);
    await sql(manager,
      `INSERT INTO shipment_item (shipment_id, order_item_id, sku, qty)
       SELECT $1, order_item_id, sku, qty FROM unnest($2::uuid[], $3::text[], $4::int[]) AS i (order_item_id, sku, qty)`,
      [shipment.id, shipment.items.map((i) => i.orderItemId), shipment.items.map((i) => i.sku), shipment.items.map((i) => i.qty)]);
  }

  /** The order's replica (by uuid or number), read without a lock. */
  async findOrder(idOrNumber: string): Promise<OrderReplica | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM order_replica WHERE ${orderColumn(idOrNumber)} = $1`, [idOrNumber]);
    return row ? toReplica(row) : null;
  }

  /** The shipments of an order (by uuid or number), with items and tracking history; null for an unknown order. */
  async listForOrder(idOrNumber: string, shipmentId?: string): Promise<Shipment[] | null> {
    const order = await this.findOrder(idOrNumber);
    return order && this.shipmentsOf(order.orderId, shipmentId);
  }

  /** The shipments of an order known by its uuid (one of them, when `shipmentId` is given). */
  shipmentsOf(orderId: string, shipmentId?: string): Promise<Shipment[]> {
    return this.shipmentsWhere('s.order_id = $1 AND ($2::uuid IS NULL OR s.id = $2)', [orderId, shipmentId ?? null]);
  }

  /** The shipments of several orders by uuid, in one query, by order then age. */
  shipmentsOfOrders(orderIds: string[]): Promise<Shipment[]> {
    return this.shipmentsWhere('s.order_id = ANY($1::uuid[])', [orderIds]);
  }

  private async shipmentsWhere(condition: string, params: unknown[]): Promise<Shipment[]> {
    const rows = await this.dataSource.query(
      `SELECT s.*,
         (SELECT coalesce(json_agg(json_build_object('orderItemId', i.order_item_id, 'sku', i.sku, 'qty', i.qty) ORDER BY i.sku), '[]')
          FROM shipment_item i WHERE i.shipment_id = s.id) AS items,
         (SELECT coalesce(json_agg(json_build_object('status', t.status, 'occurredAt', t.occurred_at, 'source', t.source, 'applied', t.applied)
            ORDER BY t.occurred_at, t.id), '[]') FROM tracking_event t WHERE t.shipment_id = s.id) AS history
       FROM shipment s WHERE ${condition} ORDER BY s.order_id, s.created_at`,
      params);
    return rows.map((row: Row): Shipment => ({
      id: row.id, shipmentNumber: row.shipment_number, orderId: row.order_id, carrier: row.carrier, trackingNumber: row.tracking_number,
      trackingUrl: row.tracking_url, status: row.status, note: row.note, shippedAt: row.shipped_at, deliveredAt: row.delivered_at,
      createdAt: row.created_at, lastEventAt: row.last_event_at, items: row.items,
      trackingHistory: row.history.map((t: Row) => ({ ...t, occurredAt: new Date(t.occurredAt) })),
    }));
  }

  /** Locks a shipment of the given order; null when there is no such shipment on that order. */
  async lockShipment(manager: EntityManager, orderRef: string, shipmentId: string): Promise<LockedShipment | null> {
    const [row] = await sql(manager,
      `SELECT s.* FROM shipment s JOIN order_replica r ON r.order_id = s.order_id WHERE s.id = $1 AND r.${orderColumn(orderRef)} = $2 FOR UPDATE OF s`,
      [shipmentId, orderRef]);
    return row ? toLocked(row) : null;
  }

  /** Locks the shipment a carrier knows by its tracking number (the newest, should a number be reused). */
  async lockShipmentByTracking(manager: EntityManager, carrier: string, trackingNumber: string): Promise<LockedShipment | null> {
    const [row] = await sql(manager,
      `SELECT * FROM shipment WHERE lower(carrier) = lower($1) AND tracking_number = $2 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [carrier, trackingNumber]);
    return row ? toLocked(row) : null;
  }

  async shipmentItems(manager: EntityManager, shipmentId: string): Promise<{ orderItemId: string; sku: string; qty: number }[]> {
    const rows = await sql(manager, 'SELECT order_item_id, sku, qty FROM shipment_item WHERE shipment_id = $1 ORDER BY sku', [shipmentId]);
    return rows.map((r) => ({ orderItemId: r.order_item_id, sku: r.sku, qty: r.qty }));
  }

  /** Whether this very update (status and time, from this source) was received before. */
  async hasTrackingEvent(manager: EntityManager, shipmentId: string, status: string, occurredAt: Date, source: string): Promise<boolean> {
    const rows = await sql(manager,
      'SELECT 1 FROM tracking_event WHERE shipment_id = $1 AND status = $2 AND occurred_at = $3 AND source = $4 LIMIT 1',
      [shipmentId, status, occurredAt, source]);
    return rows.length > 0;
  }

  async updateDetails(manager: EntityManager, id: string, details: { carrier: string; trackingNumber: string | null; trackingUrl: string | null }) {
    await sql(manager, 'UPDATE shipment SET carrier = $2, tracking_number = $3, tracking_url = $4 WHERE id = $1',
      [id, details.carrier, details.trackingNumber, details.trackingUrl]);
  }

  async applyStatus(manager: EntityManager, id: string, status: string, occurredAt: Date) {
    await sql(manager,
      `UPDATE shipment SET status = $2, last_event_at = $3, delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END WHERE id = $1`,
      [id, status, occurredAt]);
  }

  async recordTrackingEvent(manager: EntityManager, shipmentId: string, event: Omit<TrackingEvent, 'applied'> & { applied: boolean }) {
    await sql(manager, 'INSERT INTO tracking_event (shipment_id, status, occurred_at, source, applied) VALUES ($1, $2, $3, $4, $5)',
      [shipmentId, event.status, event.occurredAt, event.source, event.applied]);
  }
}
