import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UUID_PATTERN } from '@oms/contracts';
import { columnArrays, fromRow, setClause, sql } from '@oms/persistence';
import { REFUNDED_PER_ORDER } from '../../payments/persistence/payment.repository';
import { enqueueEvents } from '@oms/messaging';
import { Activity, HistoryEntry, Order, OrderItem, OrderShipment, OrderWithDetails } from '../domain/order';
import { OrderChange, OrderPatch } from '../domain/order-aggregate';
import { CANCEL_SETTLED_CHANNEL } from './cancel-outcomes';
import {
  ACTIVITY_COLUMNS, HISTORY_FIELDS, INSERT_HISTORY, INSERT_PLACED, ITEM_COLUMNS, ORDER_COLUMNS, PLACED_ITEM_FIELDS, PLACED_ORDER_FIELDS, SHIPMENT_COLUMNS,
} from './order-columns';


/** An order is referred to by its uuid or its order number: the column to look it up by. */
const orderColumn = (ref: string) => (UUID_PATTERN.test(ref) ? 'id' : 'order_number');

const toOrder = (row: Record<string, unknown>) => fromRow(ORDER_COLUMNS, row);
const toItem = (row: Record<string, unknown>) => fromRow(ITEM_COLUMNS, row);
const toActivity = (row: Record<string, unknown>) => fromRow(ACTIVITY_COLUMNS, row);

export interface OrderFilter {
  status?: string;
  paymentStatus?: string;
  shipmentStatus?: string;
  orderType?: string;
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
  /** Rows to skip (numbered pages); keyset pages (`after`) skip none. */
  offset: number;
  includeTotal: boolean;
}

const SORT_COLUMNS = { createdAt: 'created_at', grandTotal: 'grand_total', orderNumber: 'order_number' } as const;
const SORT_TYPES = { createdAt: 'timestamptz', grandTotal: 'bigint', orderNumber: 'text' } as const;

function filterSql(filter: OrderFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const equals = {
    status: 'status', paymentStatus: 'payment_status', shipmentStatus: 'shipment_status', orderType: 'order_type', customerId: 'customer_id',
  } as const;
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

/** Rows of several orders' children, grouped by their order (in the order they came). */
function byOrder(rows: Record<string, unknown>[]): Map<unknown, Record<string, unknown>[]> {
  const groups = new Map<unknown, Record<string, unknown>[]>();
  for (const row of rows) {
    const group = groups.get(row.order_id);
    if (group) group.push(row);
    else groups.set(row.order_id, [row]);
  }
  return groups;
}

/** Sales figures count only orders that stand: neither canceled nor refunded (partial refunds are shown beside). */
export const STANDING_ORDER = `status NOT IN ('canceled', 'refunded')`;

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
    const [row] = await sql(manager, INSERT_PLACED, [
      ...PLACED_ORDER_FIELDS.map((field) => ORDER_COLUMNS[field].write(order[field] as never)),
      ...columnArrays(ITEM_COLUMNS, items, PLACED_ITEM_FIELDS),
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

  private addHistory(manager: EntityManager, orderId: string, entries: HistoryEntry[]): Promise<Activity[]> {
    return this.addHistories(manager, entries.map((entry) => ({ orderId, entry })));
  }

  /**
   * History entries of any number of orders, in one statement. Without the orders' locks: only for
   * entries that change nothing of their order (a message sent), which never wait behind its changes.
   */
  async addHistories(manager: EntityManager, entries: { orderId: string; entry: HistoryEntry }[]): Promise<Activity[]> {
    if (!entries.length) return [];
    const activities = entries.map(({ entry }) => ({ ...entry, id: randomUUID() }));
    const rows = await sql(manager, INSERT_HISTORY, [entries.map(({ orderId }) => orderId), ...columnArrays(ACTIVITY_COLUMNS, activities, HISTORY_FIELDS)]);
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

  /** One keyset or numbered page (plus one row, to tell whether another follows), and the total when asked. */
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
      `SELECT *, ${column}::text AS sort_value FROM orders ${whereSql} ORDER BY ${column} ${direction}, id ${direction}
       LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}`,
      params,
    );
    const result: { rows: (Order & { sortValue: string })[]; total?: number } = {
      rows: rows.map((row: Record<string, unknown>) => ({ ...toOrder(row), sortValue: String(row.sort_value) })),
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
      counts: Object.fromEntries(counts.map((r: { status: string; n: number }) => [r.status, r.n])),
      revenue: revenue.map((r: { currency: string; orders: number; total: string; refunded: string }) => ({ currency: r.currency, orders: r.orders, total: BigInt(r.total), refunded: BigInt(r.refunded) })),
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
   * Records that the orders' stock is reserved, each with an activity, in one statement for any number,
   * for those still reserving. Answers the ids of the orders that do not exist at all.
   */
  async markReserved(manager: EntityManager, orderIds: string[], entry: HistoryEntry): Promise<string[]> {
    const rows = await sql<{ id: string }>(manager,
      `WITH asked AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS a (order_id, activity_id)),
       marked AS (
         UPDATE orders o SET inventory_status = 'reserved', inventory_settled_at = clock_timestamp(), version = o.version + 1, updated_at = now()
         FROM asked WHERE o.id = asked.order_id AND o.inventory_status = 'reserving' RETURNING o.id
       ), activity AS (
         INSERT INTO order_activity (id, order_id, type, data, message, customer_notified, author)
         SELECT asked.activity_id, marked.id, $3, $4, $5, $6, $7 FROM marked JOIN asked ON asked.order_id = marked.id
       )
       SELECT order_id AS id FROM asked WHERE NOT EXISTS (SELECT 1 FROM orders WHERE id = asked.order_id)`,
      [[...orderIds].sort(), orderIds.map(() => randomUUID()), entry.type, JSON.stringify(entry.data), entry.message, entry.customerNotified, entry.author]);
    return rows.map((row) => row.id);
  }

  /** Locks the order row for the rest of the transaction. */
  async lock(manager: EntityManager, id: string): Promise<Order | null> {
    const [row] = await sql(manager, 'SELECT * FROM orders WHERE id = $1 FOR UPDATE', [id]);
    return row ? toOrder(row) : null;
  }

  private async update(manager: EntityManager, id: string, changes: OrderPatch): Promise<number> {
    const params: unknown[] = [id];
    const sets = setClause(ORDER_COLUMNS, changes, params);
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
    const [order] = await this.findDetailedWhere(`${orderColumn(idOrNumber)} = $1`, idOrNumber, customerId);
    return order ?? null;
  }

  /** Several orders by uuid, in four queries whatever their number; unknown ones (or another customer's) are left out. */
  findDetailedMany(ids: string[], customerId?: string): Promise<Omit<OrderWithDetails, 'ledger' | 'refunds'>[]> {
    return this.findDetailedWhere('id = ANY($1::uuid[])', ids, customerId);
  }

  private async findDetailedWhere(condition: string, value: unknown, customerId?: string): Promise<Omit<OrderWithDetails, 'ledger' | 'refunds'>[]> {
    const params: unknown[] = [value];
    const ownership = customerId === undefined ? '' : ` AND customer_id = $${params.push(customerId)}`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT * FROM orders WHERE ${condition}${ownership}`, params);
    if (!rows.length) return [];
    const ids = rows.map((row) => row.id);
    const [items, activities, shipments] = await Promise.all([
      this.dataSource.query('SELECT * FROM order_item WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position', [ids]),
      this.dataSource.query('SELECT * FROM order_activity WHERE order_id = ANY($1::uuid[]) ORDER BY created_at, id', [ids]),
      this.dataSource.query('SELECT * FROM order_shipment WHERE order_id = ANY($1::uuid[]) ORDER BY created_at', [ids]),
    ]);
    const [itemsOf, activitiesOf, shipmentsOf] = [items, activities, shipments].map(byOrder);
    return rows.map((row) => ({
      ...toOrder(row),
      items: (itemsOf.get(row.id) ?? []).map(toItem),
      activities: (activitiesOf.get(row.id) ?? []).map(toActivity),
      shipments: (shipmentsOf.get(row.id) ?? []).map((s) => fromRow(SHIPMENT_COLUMNS, s)),
    }));
  }
}
