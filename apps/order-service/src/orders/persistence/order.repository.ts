import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Row, sql } from '@oms/persistence';
import { Activity, Order, OrderItem, OrderWithDetails } from '../domain/order';


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
  };
}

/** All SQL of orders, their items and activities. Writes take the caller's transaction. */
@Injectable()
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  async nextOrderSequence(manager: EntityManager): Promise<number> {
    const [{ value }] = await sql(manager, `SELECT nextval('order_number_seq') AS value`);
    return Number(value);
  }

  async insert(manager: EntityManager, order: Omit<Order, 'createdAt' | 'updatedAt' | 'canceledAt'>, items: OrderItem[]) {
    await sql(manager,
      `INSERT INTO orders (id, order_number, currency, customer_id, customer_email, customer_full_name, customer_phone,
         status, payment_status, shipment_status, inventory_status, shipping_address, billing_address, shipping_method,
         payment_method, coupon, order_type, notes, metadata, sub_total, discount_amount, tax_amount, shipping_fee,
         grand_total, total_qty, total_weight, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, $24, $25, $26, $27)`,
      [
        order.id, order.orderNumber, order.currency, order.customerId, order.customerEmail, order.customerFullName,
        order.customerPhone, order.status, order.paymentStatus, order.shipmentStatus, order.inventoryStatus,
        JSON.stringify(order.shippingAddress), JSON.stringify(order.billingAddress), order.shippingMethod,
        order.paymentMethod, order.coupon, order.orderType, order.notes,
        order.metadata === null ? null : JSON.stringify(order.metadata), order.subTotal, order.discountAmount,
        order.taxAmount, order.shippingFee, order.grandTotal, order.totalQty, order.totalWeight, order.version,
      ],
    );
    const column = <K extends keyof OrderItem>(key: K) => items.map((item) => item[key]);
    await sql(
      manager,
      `INSERT INTO order_item (id, order_id, position, sku, name, qty, price, discount_amount, tax_amount,
         final_price, line_total, weight, variant_options)
       SELECT id, $1, position, sku, name, qty, price, discount_amount, tax_amount, final_price, line_total, weight, variant_options
       FROM unnest($2::uuid[], $3::smallint[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[],
         $10::bigint[], $11::bigint[], $12::numeric[], $13::jsonb[])
         AS i (id, position, sku, name, qty, price, discount_amount, tax_amount, final_price, line_total, weight, variant_options)`,
      [
        order.id, column('id'), column('position'), column('sku'), column('name'), column('qty'), column('price'),
        column('discountAmount'), column('taxAmount'), column('finalPrice'), column('lineTotal'), column('weight'),
        items.map((item) => (item.variantOptions === null ? null : JSON.stringify(item.variantOptions))),
      ],
    );
  }

  async addActivity(
    manager: EntityManager,
    orderId: string,
    activity: { message: string; customerNotified: boolean; author: string },
  ): Promise<void> {
    await sql(manager,
      'INSERT INTO order_activity (id, order_id, message, customer_notified, author) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), orderId, activity.message, activity.customerNotified, activity.author],
    );
  }

  /** Locks the order row for the rest of the transaction. */
  async lock(manager: EntityManager, id: string): Promise<Order | null> {
    const [row] = await sql(manager, 'SELECT * FROM orders WHERE id = $1 FOR UPDATE', [id]);
    return row ? toOrder(row) : null;
  }

  async update(manager: EntityManager, id: string, changes: Partial<Pick<Order,
    'status' | 'paymentStatus' | 'shipmentStatus' | 'inventoryStatus' | 'cancelReason' | 'canceledAt'>>): Promise<number> {
    const columns: Record<string, string> = {
      status: 'status', paymentStatus: 'payment_status', shipmentStatus: 'shipment_status',
      inventoryStatus: 'inventory_status', cancelReason: 'cancel_reason', canceledAt: 'canceled_at',
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

  /** By uuid or order number, with items and activities; `customerId` limits it to that customer's orders. */
  async findDetailed(idOrNumber: string, customerId?: string): Promise<OrderWithDetails | null> {
    const column = UUID.test(idOrNumber) ? 'id' : 'order_number';
    const params: unknown[] = [idOrNumber];
    const ownership = customerId === undefined ? '' : ` AND customer_id = $${params.push(customerId)}`;
    const [row] = await this.dataSource.query(`SELECT * FROM orders WHERE ${column} = $1${ownership}`, params);
    if (!row) return null;
    const [items, activities] = await Promise.all([
      this.dataSource.query('SELECT * FROM order_item WHERE order_id = $1 ORDER BY position', [row.id]),
      this.dataSource.query('SELECT * FROM order_activity WHERE order_id = $1 ORDER BY created_at, id', [row.id]),
    ]);
    return {
      ...toOrder(row),
      items: items.map(toItem),
      activities: activities.map(
        (a: Row): Activity => ({ id: a.id, message: a.message, customerNotified: a.customer_notified, author: a.author, createdAt: a.created_at }),
      ),
    };
  }
}
