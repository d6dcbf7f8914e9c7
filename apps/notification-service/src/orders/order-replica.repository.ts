import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { column, Columns, fromRow, int8, jsonb, sql } from '@oms/persistence';
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

/** The orders the service has heard of, from `order.placed` (what is placed never changes). */
@Injectable()
export class OrderReplicaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, order: OrderReplica): Promise<void> {
    await sql(manager,
      `INSERT INTO order_replica (${FIELDS.map((f) => COLUMNS[f].column).join(', ')})
       VALUES (${FIELDS.map((f, i) => `$${i + 1}::${COLUMNS[f].type}`).join(', ')}) ON CONFLICT (order_id) DO NOTHING`,
      FIELDS.map((f) => COLUMNS[f].write(order[f] as never)));
  }

  async findByNumber(orderNumber: string): Promise<OrderReplica | null> {
    const [row] = await sql(this.dataSource, 'SELECT * FROM order_replica WHERE order_number = $1', [orderNumber]);
    return row ? fromRow(COLUMNS, row) : null;
  }

  async find(orderId: string, manager?: EntityManager): Promise<OrderReplica | null> {
    const [row] = await sql(manager ?? this.dataSource.manager, 'SELECT * FROM order_replica WHERE order_id = $1', [orderId]);
    return row ? fromRow(COLUMNS, row) : null;
  }
}
