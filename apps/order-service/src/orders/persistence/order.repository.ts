import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UUID_PATTERN } from '@oms/contracts';
import { Row, sql } from '@oms/persistence';
import { REFUNDED_PER_ORDER } from '../../payments/persistence/payment.repository';
import { enqueueEvents } from '@oms/messaging';
import { Activity, HistoryEntry, Order, OrderItem, OrderShipment, OrderWithDetails } from '../domain/order';
import { OrderChange, OrderPatch } from '../domain/order-aggregate';
import { CANCEL_SETTLED_CHANNEL } from './cancel-outcomes';


/** An order is referred to by its uuid or its order number: the column to look it up by. */
const orderColumn = (ref: string) => (UUID_PATTERN.test(ref) ? 'id' : 'order_number');
const num = (value: string | number | null) => (value === null ? null : Number(value));

function toOrder(row: Row): Order {
  return {
    id: row.id,
    orderNumber: row.order_number,
    currency: row.currency,
    customerId: row.customer_id,
    customerEmail: row.customer_email,
    customerFullName: row.customer_full_name,
    customerPhone: row.customer_phone,
    status: row.status,
    paymentStatus: row.payment_status,
    shipmentStatus: row.shipment_status,
    inventoryStatus: row.inventory_status,
    shippingAddress: row.shipping_address,
    billingAddress: row.billing_address,
    shippingMethod: row.shipping_method,
    paymentMethod: row.payment_method,
    coupon: row.coupon,
    orderType: row.order_type,
    estimatedFulfillmentDate: row.estimated_fulfillment_date,
    notes: row.notes,
    metadata: row.metadata,
    subTotal: Number(row.sub_total),
    discountAmount: Number(row.discount_amount),
    taxAmount: Number(row.tax_amount),
    shippingFee: Number(row.shipping_fee),
    grandTotal: Number(row.grand_total),
    totalQty: row.total_qty,
    totalWeight: num(row.total_weight),
    cancelReason: row.cancel_reason,
    canceledAt: row.canceled_at,
    cancelPending: row.cancel_pending,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toItem(row: Row): OrderItem {
  return {
    id: row.id,
    position: row.position,
    sku: row.sku,
    name: row.name,
    qty: row.qty,
    price: Number(row.price),
    discountAmount: Number(row.discount_amount),
    taxAmount: Number(row.tax_amount),
    finalPrice: Number(row.final_price),
    lineTotal: Number(row.line_total),
    weight: num(row.weight),
    variantOptions: row.variant_options,
    shippedQty: row.shipped_qty,
  };
}

const toActivity = (a: Row): Activity => ({
  id: a.id, type: a.type, data: a.data, message: a.message, customerNotified: a.customer_notified, author: a.author, createdAt: a.created_at,
});

export interface OrderFilter {
  status?: string;
  paymentStatus?: string;
  shipmentStatus?: string;
  customerId?: string;
  customerEmail?: string;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
}

export interface OrderPage {
  sort: 'createdAt' | 'grandTotal' | 'orderNumber';
  order: 'asc' | 'desc';
  limit: number;
  /** The sort value and id of the last row of the previous page. */
  after?: [string, string];
  includeTotal: boolean;
}

const SORT_COLUMNS = { createdAt: 'created_at', grandTotal: 'grand_total', orderNumber: 'order_number' } as const;
const SORT_TYPES = { createdAt: 'timestamptz', grandTotal: 'bigint', orderNumber: 'text' } as const;

function filterSql(filter: OrderFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const equals = { status: 'status', paymentStatus: 'payment_status', shipmentStatus: 'shipment_status', customerId: 'customer_id' } as const;
  for (const [key, column] of Object.entries(equals)) {
    const value = filter[key as keyof typeof equals];
    if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
  }
  if (filter.customerEmail) where.push(`customer_email = $${params.push(filter.customerEmail.toLowerCase())}`);
  if (filter.createdFrom) where.push(`created_at >= $${params.push(filter.createdFrom)}`);
  if (filter.createdTo) where.push(`created_at < $${params.push(filter.createdTo)}`);
  if (filter.q) {
    const exact = params.push(filter.q);
    const like = params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(order_number = $${exact} OR customer_email ILIKE $${like} OR customer_full_name ILIKE $${like})`);
  }
  return { where, params };
}

/** Sales figures count only orders that stand: neither canceled nor refunded (partial refunds are shown beside). */
export const STANDING_ORDER = `status NOT IN ('canceled', 'refunded')`;

/** A placed order is one statement (one round trip): the number, the order, its items, its first activity. */
const INSERT_PLACED = `
  WITH numbered AS (
    SELECT $42::text || lpad(n::text, greatest(6, length(n::text)), '0') AS order_number FROM nextval('order_number_seq') AS n
  ), inserted AS (
    INSERT INTO orders (id, order_number, currency, customer_id, customer_email, customer_full_name, customer_phone,
      status, payment_status, shipment_status, inventory_status, shipping_address, billing_address, shipping_method,
      payment_method, coupon, order_type, notes, metadata, sub_total, discount_amount, tax_amount, shipping_fee,
      grand_total, total_qty, total_weight, version, estimated_fulfillment_date)
    SELECT $1, order_number, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
      $22, $23, $24, $25, $26, $27 FROM numbered
    RETURNING id, order_number
  ), lines AS (
    INSERT INTO order_item (id, order_id, position, sku, name, qty, price, discount_amount, tax_amount,
      final_price, line_total, weight, variant_options)
    SELECT i.id, $1, position, sku, name, qty, price, discount_amount, tax_amount, final_price, line_total, weight, variant_options
    FROM unnest($28::uuid[], $29::smallint[], $30::text[], $31::text[], $32::int[], $33::bigint[], $34::bigint[], $35::bigint[],
      $36::bigint[], $37::bigint[], $38::numeric[], $39::jsonb[])
      AS i (id, position, sku, name, qty, price, discount_amount, tax_amount, final_price, line_total, weight, variant_options)
  ), activity AS (
    INSERT INTO order_activity (id, order_id, type, data, message, customer_notified, author)
    SELECT $40, id, 'order_placed', jsonb_build_object('orderNumber', order_number), 'Order ' || order_number || ' placed', true, $41 FROM inserted
  )
  SELECT order_number FROM inserted`;

/** All SQL of orders, their items and activities. Writes take the caller's transaction. */
@Injectable()
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a new order in one statement: its number (the prefix and the next value of the sequence, six
   * digits at least), the order, its items and the activity that it was placed. Answers the number.
   */
  async insertPlaced(
    manager: EntityManager,
    order: Omit<Order, 'orderNumber' | 'createdAt' | 'updatedAt' | 'canceledAt' | 'cancelPending'>,
    items: OrderItem[],
    placed: { activityId: string; author: string; numberPrefix: string },
  ): Promise<string> {
    const column = <K extends keyof OrderItem>(key: K) => items.map((item) => item[key]);
    const [row] = await sql(manager, INSERT_PLACED, [
      order.id, order.currency, order.customerId, order.customerEmail, order.customerFullName,
      order.customerPhone, order.status, order.paymentStatus, order.shipmentStatus, order.inventoryStatus,
      JSON.stringify(order.shippingAddress), JSON.stringify(order.billingAddress), order.shippingMethod,
      order.paymentMethod, order.coupon, order.orderType, order.notes,
      order.metadata === null ? null : JSON.stringify(order.metadata), order.subTotal, order.discountAmount,
      order.taxAmount, order.shippingFee, order.grandTotal, order.totalQty, order.totalWeight, order.version,
      order.estimatedFulfillmentDate,
      column('id'), column('position'), column('sku'), column('name'), column('qty'), column('price'),
      column('discountAmount'), column('taxAmount'), column('finalPrice'), column('lineTotal'), column('weight'),
      items.map((item) => (item.variantOptions === null ? null : JSON.stringify(item.variantOptions))),
      placed.activityId, placed.author, placed.numberPrefix,
    ]);
    return row.order_number;
  }

  /**
   * Stores what an operation of the order aggregate answered, in the caller's transaction (the order row
   * locked): the changed fields (the version goes up by one), the history entries, the events' outbox rows.
   */
  async save(manager: EntityManager, orderId: string, change: OrderChange): Promise<Activity[]> {
    if (Object.keys(change.patch).length) await this.update(manager, orderId, change.patch);
    // a cancel that settled wakes whoever waits for it, at commit (see CancelOutcomes)
    if (change.patch.cancelPending === false) await sql(manager, 'SELECT pg_notify($1, $2)', [CANCEL_SETTLED_CHANNEL, orderId]);
    const activities = await this.addHistory(manager, orderId, change.history);
    await enqueueEvents(manager, change.events);
    return activities;
  }

  private async addHistory(manager: EntityManager, orderId: string, entries: HistoryEntry[]): Promise<Activity[]> {
    if (!entries.length) return [];
    const rows = await sql(manager,
      `INSERT INTO order_activity (id, order_id, type, data, message, customer_notified, author)
       SELECT id, $1, type, data, message, customer_notified, author
       FROM unnest($2::uuid[], $3::text[], $4::jsonb[], $5::text[], $6::boolean[], $7::text[]) AS e (id, type, data, message, customer_notified, author)
       RETURNING *`,
      [orderId, entries.map(() => randomUUID()), entries.map((e) => e.type), entries.map((e) => JSON.stringify(e.data)),
        entries.map((e) => e.message), entries.map((e) => e.customerNotified), entries.map((e) => e.author)],
    );
    return rows.map(toActivity);
  }

  async activities(orderId: string, customerNotified?: boolean): Promise<Activity[]> {
    const rows = await this.dataSource.query(
      'SELECT * FROM order_activity WHERE order_id = $1 AND ($2::boolean IS NULL OR customer_notified = $2) ORDER BY created_at, id',
      [orderId, customerNotified ?? null],
    );
    return rows.map(toActivity);
  }

  /** The uuid of an order given by uuid or number (and owned by `customerId`, when given). */
  async findId(idOrNumber: string, customerId?: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT id FROM orders WHERE ${orderColumn(idOrNumber)} = $1 AND ($2::text IS NULL OR customer_id = $2)`, [idOrNumber, customerId ?? null]);
    return row?.id ?? null;
  }

  /** One keyset page (plus one row, to tell whether another follows), and the total when asked. */
  async list(filter: OrderFilter, page: OrderPage): Promise<{ rows: (Order & { sortValue: string })[]; total?: number }> {
    const { where, params } = filterSql(filter);
    const column = SORT_COLUMNS[page.sort];
    const direction = page.order === 'asc' ? 'ASC' : 'DESC';
    const conditions = [...where];
    if (page.after) {
      conditions.push(`(${column}, id) ${direction === 'ASC' ? '>' : '<'} ($${params.push(page.after[0])}::${SORT_TYPES[page.sort]}, $${params.push(page.after[1])}::uuid)`);
    }
    const whereSql = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.dataSource.query(
      `SELECT *, ${column}::text AS sort_value FROM orders ${whereSql} ORDER BY ${column} ${direction}, id ${direction} LIMIT $${params.push(page.limit)}`,
      params,
    );
    const result: { rows: (Order & { sortValue: string })[]; total?: number } = {
      rows: rows.map((row: Row) => ({ ...toOrder(row), sortValue: row.sort_value })),
    };
    if (page.includeTotal) {
      const counted = filterSql(filter);
      const [{ total }] = await this.dataSource.query(
        `SELECT count(*)::int AS total FROM orders ${counted.where.length ? `WHERE ${counted.where.join(' AND ')}` : ''}`, counted.params);
      result.total = total;
    }
    return result;
  }

  /**
   * Orders per status, and per currency the count and revenue of orders neither canceled nor refunded,
   * with what was refunded of them (partial refunds).
   */
  async stats(filter: Pick<OrderFilter, 'createdFrom' | 'createdTo'>): Promise<{
    counts: Record<string, number>;
    revenue: { currency: string; orders: number; total: bigint; refunded: bigint }[];
  }> {
    const { where, params } = filterSql(filter);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const standing = `SELECT id, currency, grand_total FROM orders ${whereSql ? `${whereSql} AND` : 'WHERE'} ${STANDING_ORDER}`;
    const [counts, revenue] = await Promise.all([
      this.dataSource.query(`SELECT status, count(*)::int AS n FROM orders ${whereSql} GROUP BY status`, params),
      this.dataSource.query(
        `SELECT o.currency, count(*)::int AS orders, sum(o.grand_total)::text AS total, coalesce(sum(r.refunded), 0)::text AS refunded
         FROM (${standing}) o
         LEFT JOIN ${REFUNDED_PER_ORDER} r ON r.order_id = o.id
         GROUP BY o.currency ORDER BY o.currency`, params),
    ]);
    return {
      counts: Object.fromEntries(counts.map((r: Row) => [r.status, r.n])),
      revenue: revenue.map((r: Row) => ({ currency: r.currency, orders: r.orders, total: BigInt(r.total), refunded: BigInt(r.refunded) })),
    };
  }

  /** Adds shipped quantities to the order's items; answers the items as they are now. */
  async addShipped(manager: EntityManager, orderId: string, lines: { orderItemId: string; qty: number }[]): Promise<{ qty: number; shippedQty: number }[]> {
    await sql(manager,
      `UPDATE order_item i SET shipped_qty = i.shipped_qty + d.qty FROM unnest($2::uuid[], $3::int[]) AS d (id, qty)
       WHERE i.order_id = $1 AND i.id = d.id`,
      [orderId, lines.map((l) => l.orderItemId), lines.map((l) => l.qty)]);
    return this.itemQuantities(manager, orderId);
  }

  /** The order's items, in order (inside the caller's transaction). */
  async items(manager: EntityManager, orderId: string): Promise<OrderItem[]> {
    const rows = await sql(manager, 'SELECT * FROM order_item WHERE order_id = $1 ORDER BY position', [orderId]);
    return rows.map(toItem);
  }

  /** Ordered and shipped quantity of each item of the order. */
  async itemQuantities(manager: EntityManager, orderId: string): Promise<{ qty: number; shippedQty: number }[]> {
    const rows = await sql(manager, 'SELECT qty, shipped_qty FROM order_item WHERE order_id = $1', [orderId]);
    return rows.map((r) => ({ qty: r.qty, shippedQty: r.shipped_qty }));
  }

  /** Records a shipment of the order; false when it was recorded already. */
  async addShipment(manager: EntityManager, orderId: string, shipment: Omit<OrderShipment, 'createdAt' | 'status'>): Promise<boolean> {
    const rows = await sql(manager,
      `INSERT INTO order_shipment (shipment_id, order_id, shipment_number, carrier, tracking_number, items)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING shipment_id`,
      [shipment.shipmentId, orderId, shipment.shipmentNumber, shipment.carrier, shipment.trackingNumber, JSON.stringify(shipment.items)]);
    return rows.length > 0;
  }

  /**
   * Records a shipment's new status unless an update that happened later was recorded already. Answers
   * the status it had before and its items, or null when this update was stale or unknown.
   */
  async setShipmentStatus(manager: EntityManager, shipmentId: string, status: string, at: Date): Promise<{ previous: string; items: OrderShipment['items'] } | null> {
    const [row] = await sql(manager,
      `UPDATE order_shipment s SET status = $2, status_at = $3 FROM (SELECT status FROM order_shipment WHERE shipment_id = $1 FOR UPDATE) p
       WHERE s.shipment_id = $1 AND (s.status_at IS NULL OR s.status_at <= $3) RETURNING p.status AS previous, s.items`, [shipmentId, status, at]);
    return row ? { previous: row.previous, items: row.items } : null;
  }

  /** The statuses of the order's shipments that were not canceled. */
  async liveShipmentStatuses(manager: EntityManager, orderId: string): Promise<string[]> {
    const rows = await sql(manager, `SELECT status FROM order_shipment WHERE order_id = $1 AND status <> 'canceled'`, [orderId]);
    return rows.map((r) => r.status);
  }

  /**
   * Records that the order's stock is reserved, with an activity, in one statement, if the order is still
   * reserving. Answers whether the order exists at all.
   */
  async markReserved(manager: EntityManager, orderId: string, entry: HistoryEntry): Promise<boolean> {
    const [row] = await sql(manager,
      `WITH marked AS (
         UPDATE orders SET inventory_status = 'reserved', inventory_settled_at = clock_timestamp(), version = version + 1, updated_at = now()
         WHERE id = $1 AND inventory_status = 'reserving' RETURNING id
       ), activity AS (
         INSERT INTO order_activity (id, order_id, type, data, message, customer_notified, author) SELECT $2, id, $3, $4, $5, $6, $7 FROM marked
       )
       SELECT EXISTS (SELECT 1 FROM orders WHERE id = $1) AS known`,
      [orderId, randomUUID(), entry.type, JSON.stringify(entry.data), entry.message, entry.customerNotified, entry.author]);
    return row.known;
  }

  /** Locks the order row for the rest of the transaction. */
  async lock(manager: EntityManager, id: string): Promise<Order | null> {
    const [row] = await sql(manager, 'SELECT * FROM orders WHERE id = $1 FOR UPDATE', [id]);
    return row ? toOrder(row) : null;
  }

  private async update(manager: EntityManager, id: string, changes: OrderPatch): Promise<number> {
    const columns: Record<string, string> = {
      status: 'status', paymentStatus: 'payment_status', shipmentStatus: 'shipment_status', inventoryStatus: 'inventory_status',
      cancelReason: 'cancel_reason', canceledAt: 'canceled_at', notes: 'notes', cancelPending: 'cancel_pending',
    };
    const params: unknown[] = [id];
    const sets = Object.entries(changes).map(([key, value]) => `${columns[key]} = $${params.push(value)}`);
    // when the reservation outcome arrived: the placed → reserved latency the benchmark reports
    if (changes.inventoryStatus === 'reserved' || changes.inventoryStatus === 'failed') sets.push('inventory_settled_at = clock_timestamp()');
    const [row] = await sql(manager,
      `UPDATE orders SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      params,
    );
    return row.version;
  }

  /** By uuid or order number, with items, activities and shipments; `customerId` limits it to that customer's orders. */
  async findDetailed(idOrNumber: string, customerId?: string): Promise<Omit<OrderWithDetails, 'ledger' | 'refunds'> | null> {
    const params: unknown[] = [idOrNumber];
    const ownership = customerId === undefined ? '' : ` AND customer_id = $${params.push(customerId)}`;
    const [row] = await this.dataSource.query(`SELECT * FROM orders WHERE ${orderColumn(idOrNumber)} = $1${ownership}`, params);
    if (!row) return null;
    const [items, activities, shipments] = await Promise.all([
      this.dataSource.query('SELECT * FROM order_item WHERE order_id = $1 ORDER BY position', [row.id]),
      this.dataSource.query('SELECT * FROM order_activity WHERE order_id = $1 ORDER BY created_at, id', [row.id]),
      this.dataSource.query('SELECT * FROM order_shipment WHERE order_id = $1 ORDER BY created_at', [row.id]),
    ]);
    return {
      ...toOrder(row),
      items: items.map(toItem),
      activities: activities.map(toActivity),
      shipments: shipments.map((s: Row) => ({
        shipmentId: s.shipment_id, shipmentNumber: s.shipment_number, carrier: s.carrier, trackingNumber: s.tracking_number,
        status: s.status, items: s.items, createdAt: s.created_at,
      })),
    };
  }
}
