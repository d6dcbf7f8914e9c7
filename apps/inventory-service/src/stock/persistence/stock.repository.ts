import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Row, sql } from '@oms/persistence';
import { StockLevel } from '../domain/reservation-plan';


export interface StockRecord extends StockLevel {
  updatedAt: Date;
}

export type MovementKind = 'reservation' | 'release' | 'sale' | 'restock' | 'adjustment';

export interface MovementCause {
  orderId?: string;
  shipmentId?: string;
  refundId?: string;
  reason?: string;
}

export interface MovementRecord extends Required<{ [K in keyof MovementCause]: string | null }> {
  id: string;
  sku: string;
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  createdAt: Date;
}

/** What one movement does to a SKU's level. */
export interface LevelChange {
  sku: string;
  onHandDelta: number;
  reservedDelta: number;
}

export interface ReservationLine {
  sku: string;
  qty: number;
  shippedQty: number;
  restockedQty: number;
}

const toMovement = (row: Row): MovementRecord => ({
  id: String(row.id),
  sku: row.sku,
  kind: row.kind,
  onHandDelta: row.on_hand_delta,
  reservedDelta: row.reserved_delta,
  orderId: row.order_id,
  shipmentId: row.shipment_id,
  refundId: row.refund_id,
  reason: row.reason,
  createdAt: row.created_at,
});
export type ReservationStatus = 'reserved' | 'failed' | 'released' | 'canceled_before_placed';

const toStock = (row: Row): StockRecord => ({
  sku: row.sku,
  onHand: row.on_hand,
  reserved: row.reserved,
  lowStockThreshold: row.low_stock_threshold,
  allowBackorder: row.allow_backorder,
  updatedAt: row.updated_at,
});

/** Rows are always locked in SKU order, so two orders locking overlapping SKUs cannot deadlock. */
const inLockOrder = (skus: string[]) => [...new Set(skus)].sort();

/** Changes the levels per SKU and writes their movements in one statement (one round trip). */
const MOVE = `WITH d AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS d (sku, on_hand, reserved, n)),
   levels AS (
     UPDATE stock_item s SET on_hand = s.on_hand + d.on_hand, reserved = s.reserved + d.reserved, updated_at = now()
     FROM d WHERE s.sku = d.sku
   )
   INSERT INTO stock_movement (sku, kind, on_hand_delta, reserved_delta, order_id, shipment_id, refund_id, reason)
   SELECT d.sku, $4, d.on_hand, d.reserved, $5, $6, $7, $8 FROM d ORDER BY d.n
   RETURNING *`;

/**
 * Reserves the lines of many orders (one row per order and SKU) in one statement: their reservation
 * lines and movements, and each SKU's level by the sum of its lines.
 */
const RESERVE = `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[]) WITH ORDINALITY AS d (order_id, sku, qty, n)),
   levels AS (
     UPDATE stock_item s SET reserved = s.reserved + t.qty, updated_at = now()
     FROM (SELECT sku, sum(qty)::int AS qty FROM d GROUP BY sku) t WHERE s.sku = t.sku
   ),
   reserved_lines AS (INSERT INTO reservation_line (order_id, sku, qty) SELECT order_id, sku, qty FROM d)
   INSERT INTO stock_movement (sku, kind, on_hand_delta, reserved_delta, order_id)
   SELECT sku, 'reservation', 0, qty, order_id FROM d ORDER BY n`;

const movementValues = (kind: MovementKind, lines: LevelChange[], cause: MovementCause) => [
  lines.map((l) => l.sku), lines.map((l) => l.onHandDelta), lines.map((l) => l.reservedDelta),
  kind, cause.orderId ?? null, cause.shipmentId ?? null, cause.refundId ?? null, cause.reason ?? null,
];

/** All SQL of stock levels, reservations and the movements ledger. Writes take the caller's transaction. */
@Injectable()
export class StockRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the rows of these SKUs (in SKU order). */
  async lockMany(manager: EntityManager, skus: string[]): Promise<Map<string, StockRecord>> {
    const rows: Row[] = await sql(manager,
      'SELECT * FROM stock_item WHERE sku = ANY($1) ORDER BY sku FOR UPDATE',
      [inLockOrder(skus)],
    );
    return new Map(rows.map((row) => [row.sku, toStock(row)]));
  }

  async find(sku: string): Promise<StockRecord | null> {
    const [row] = await this.dataSource.query('SELECT * FROM stock_item WHERE sku = $1', [sku]);
    return row ? toStock(row) : null;
  }

  async upsert(manager: EntityManager, stock: Omit<StockRecord, 'updatedAt' | 'reserved'>): Promise<StockRecord> {
    const [row] = await sql(manager,
      `INSERT INTO stock_item (sku, on_hand, low_stock_threshold, allow_backorder) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sku) DO UPDATE SET on_hand = $2, low_stock_threshold = $3, allow_backorder = $4, updated_at = now()
       RETURNING *`,
      [stock.sku, stock.onHand, stock.lowStockThreshold, stock.allowBackorder],
    );
    return toStock(row);
  }

  /** Adds to `reserved` and `on_hand` per SKU (deltas may be negative) and writes one movement per line. */
  async move(
    manager: EntityManager,
    kind: MovementKind,
    lines: LevelChange[],
    cause: MovementCause,
  ): Promise<MovementRecord[]> {
    if (!lines.length) return [];
    const rows = await sql(manager, MOVE, movementValues(kind, lines, cause));
    return rows.map(toMovement);
  }

  /** Reserves the orders' lines (each order's SKUs once): reservation lines, levels and movements in one statement. */
  async reserve(manager: EntityManager, orders: { orderId: string; lines: { sku: string; qty: number }[] }[]): Promise<void> {
    const rows = orders.flatMap(({ orderId, lines }) => lines.map((line) => ({ orderId, ...line })));
    if (!rows.length) return;
    await sql(manager, RESERVE, [rows.map((r) => r.orderId), rows.map((r) => r.sku), rows.map((r) => r.qty)]);
  }

  /** The reservation record of an order, locked; null when inventory has not heard of the order yet. */
  async lockReservation(manager: EntityManager, orderId: string): Promise<ReservationStatus | null> {
    const [row] = await sql(manager, 'SELECT status FROM order_reservation WHERE order_id = $1 FOR UPDATE', [orderId]);
    return row?.status ?? null;
  }

  /**
   * Records the orders' outcome once each and, when any is new, locks the rows of these SKUs as lockMany
   * does, in one statement. Says which orders were claimed: not those with an outcome already (a
   * duplicate, or a cancel that came first).
   */
  async claimAndLock(manager: EntityManager, orderIds: string[], status: ReservationStatus, skus: string[]): Promise<{ claimed: Set<string>; levels: Map<string, StockRecord> }> {
    // one row per locked SKU, or one of nulls when none of them exists or nothing was claimed; ids in
    // order, so two batches claiming the same order cannot deadlock
    const rows: Row[] = await sql(manager,
      `WITH claimed AS (
         INSERT INTO order_reservation (order_id, status) SELECT id, $2 FROM unnest($1::uuid[]) AS o (id) ORDER BY id
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id
       )
       SELECT c.claimed_ids, s.* FROM (SELECT array_agg(order_id) AS claimed_ids FROM claimed) c
       LEFT JOIN LATERAL (SELECT * FROM stock_item WHERE c.claimed_ids IS NOT NULL AND sku = ANY($3) ORDER BY sku FOR UPDATE) s ON true`,
      [orderIds, status, inLockOrder(skus)],
    );
    return {
      claimed: new Set<string>(rows[0].claimed_ids ?? []),
      levels: new Map(rows.filter((row) => row.sku !== null).map((row) => [row.sku, toStock(row)])),
    };
  }

  /** Records the order's outcome once; false when one exists already (a duplicate or a cancel that came first). */
  async claimReservation(manager: EntityManager, orderId: string, status: ReservationStatus): Promise<boolean> {
    const rows: unknown[] = await sql(manager,
      `INSERT INTO order_reservation (order_id, status) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [orderId, status],
    );
    return rows.length > 0;
  }

  async setReservationStatus(manager: EntityManager, orderIds: string[], status: ReservationStatus): Promise<void> {
    if (!orderIds.length) return;
    await sql(manager, 'UPDATE order_reservation SET status = $2, updated_at = now() WHERE order_id = ANY($1)', [orderIds, status]);
  }

  /** The order's reserved lines, locked, with what has shipped and been restocked of each. */
  async reservationLines(manager: EntityManager, orderId: string): Promise<ReservationLine[]> {
    const rows = await sql(manager,
      'SELECT sku, qty, shipped_qty, restocked_qty FROM reservation_line WHERE order_id = $1 ORDER BY sku FOR UPDATE', [orderId]);
    return rows.map((r) => ({ sku: r.sku, qty: r.qty, shippedQty: r.shipped_qty, restockedQty: r.restocked_qty }));
  }

  async addShipped(manager: EntityManager, orderId: string, lines: { sku: string; qty: number }[]): Promise<void> {
    await sql(manager,
      `UPDATE reservation_line l SET shipped_qty = l.shipped_qty + d.qty FROM unnest($2::text[], $3::int[]) AS d (sku, qty)
       WHERE l.order_id = $1 AND l.sku = d.sku`,
      [orderId, lines.map((l) => l.sku), lines.map((l) => l.qty)]);
  }

  async addRestocked(manager: EntityManager, orderId: string, lines: { sku: string; qty: number }[]): Promise<void> {
    await sql(manager,
      `UPDATE reservation_line l SET restocked_qty = l.restocked_qty + d.qty FROM unnest($2::text[], $3::int[]) AS d (sku, qty)
       WHERE l.order_id = $1 AND l.sku = d.sku`,
      [orderId, lines.map((l) => l.sku), lines.map((l) => l.qty)]);
  }

  /** Records that a shipment (or refund) was booked; false when it was already. */
  async claimOnce(manager: EntityManager, table: 'shipment_sale' | 'refund_restock', id: string, orderId: string): Promise<boolean> {
    const key = table === 'shipment_sale' ? 'shipment_id' : 'refund_id';
    const rows = await sql(manager, `INSERT INTO ${table} (${key}, order_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING ${key}`, [id, orderId]);
    return rows.length > 0;
  }

  /** Marks a shipment's sale reversed; says whether it was, or why not. */
  async claimSaleReversal(manager: EntityManager, shipmentId: string): Promise<'claimed' | 'reversed_already' | 'not_sold'> {
    const [sale] = await sql(manager, 'SELECT reversed_at FROM shipment_sale WHERE shipment_id = $1 FOR UPDATE', [shipmentId]);
    if (!sale) return 'not_sold';
    if (sale.reversed_at) return 'reversed_already';
    await sql(manager, 'UPDATE shipment_sale SET reversed_at = now() WHERE shipment_id = $1', [shipmentId]);
    return 'claimed';
  }

  async list(options: { lowStock: boolean; limit: number; afterSku?: string }): Promise<StockRecord[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM stock_item
       WHERE ($1::text IS NULL OR sku > $1) AND (NOT $2 OR (low_stock_threshold > 0 AND on_hand - reserved < low_stock_threshold))
       ORDER BY sku LIMIT $3`,
      [options.afterSku ?? null, options.lowStock, options.limit],
    );
    return rows.map(toStock);
  }

  async movements(sku: string, options: { limit: number; beforeId?: string }): Promise<MovementRecord[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM stock_movement WHERE sku = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [sku, options.beforeId ?? null, options.limit],
    );
    return rows.map(toMovement);
  }
}
