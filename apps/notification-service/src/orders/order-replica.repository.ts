import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { arrayParams, column, columnArrays, columnNames, Columns, fromRow, int8, jsonb, sql } from '@oms/persistence';
import { OrderReplica } from './order-replica';

const COLUMNS: Columns<OrderReplica> = {
  orderId: column('order_id', 'uuid'),
  orderNumber: column('order_number', 'text'),
  customerEmail: column('customer_email', 'text'),
  customerName: column('customer_name', 'text'),
  customerPhone: column('customer_phone', 'text'),
  smsOptIn: column('sms_opt_in', 'boolean'),
  locale: column('locale', 'text'),
  currency: column('currency', 'text'),
  lines: jsonb('lines'),
  totals: jsonb('totals'),
  grandTotal: int8('grand_total'),
  shippingAddress: jsonb('shipping_address'),
  billingAddress: jsonb('billing_address'),
};
const FIELDS = Object.keys(COLUMNS) as (keyof OrderReplica)[];

const RECORD = `
  INSERT INTO order_replica (${columnNames(COLUMNS, FIELDS)})
  SELECT * FROM unnest(${arrayParams(COLUMNS, FIELDS)})
  ON CONFLICT (order_id) DO NOTHING`;

/** The orders the service has heard of, from `order.placed` (what is placed never changes). */
@Injectable()
export class OrderReplicaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement for any number of orders; an order recorded already stays as it was. */
  async recordAll(manager: EntityManager, orders: OrderReplica[]): Promise<void> {
    // in order_id order, so two transactions recording the same orders wait for each other in the same order
    const sorted = [...orders].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
    await sql(manager, RECORD, columnArrays(COLUMNS, sorted, FIELDS));
  }

  async findByNumber(orderNumber: string): Promise<OrderReplica | null> {
    const [row] = await sql(this.dataSource, 'SELECT * FROM order_replica WHERE order_number = $1', [orderNumber]);
    return row ? fromRow(COLUMNS, row) : null;
  }

  async find(orderId: string, manager?: EntityManager): Promise<OrderReplica | null> {
    return (await this.findAll([orderId], manager)).get(orderId) ?? null;
  }

  /** The orders of these ids this service has heard of, by id. */
  async findAll(orderIds: string[], manager?: EntityManager): Promise<Map<string, OrderReplica>> {
    const rows = await sql(manager ?? this.dataSource.manager, 'SELECT * FROM order_replica WHERE order_id = ANY($1::uuid[])', [orderIds]);
    return new Map(rows.map((row) => [row.order_id, fromRow(COLUMNS, row)]));
  }
}
