import { arrayParams, column, columnNames, Columns, decimal, int8, jsonb } from '@oms/persistence';
import { Activity, InventoryStatus, Order, OrderItem, OrderShipment } from '../domain/order';

/**
 * The stored fields of an order, its items, history and shipments, each declared once: reading rows,
 * the insert of a placed order, updates and unnest parameters all follow from these.
 */
export const ORDER_COLUMNS: Columns<Order> = {
  id: column('id', 'uuid'),
  orderNumber: column('order_number', 'text'),
  currency: column('currency', 'text'),
  customerId: column('customer_id', 'text'),
  customerEmail: column('customer_email', 'text'),
  customerFullName: column('customer_full_name', 'text'),
  customerPhone: column('customer_phone', 'text'),
  customerSmsOptIn: column('customer_sms_opt_in', 'boolean'),
  customerLocale: column('customer_locale', 'text'),
  status: column('status', 'text'),
  paymentStatus: column('payment_status', 'text'),
  shipmentStatus: column('shipment_status', 'text'),
  inventoryStatus: column<InventoryStatus>('inventory_status', 'text'),
  shippingAddress: jsonb('shipping_address'),
  billingAddress: jsonb('billing_address'),
  shippingMethod: column('shipping_method', 'text'),
  paymentMethod: column('payment_method', 'text'),
  coupon: column('coupon', 'text'),
  orderType: column('order_type', 'text'),
  estimatedFulfillmentDate: column('estimated_fulfillment_date', 'date'),
  notes: column('notes', 'text'),
  metadata: jsonb('metadata'),
  subTotal: int8('sub_total'),
  discountAmount: int8('discount_amount'),
  taxAmount: int8('tax_amount'),
  shippingFee: int8('shipping_fee'),
  grandTotal: int8('grand_total'),
  totalQty: column('total_qty', 'integer'),
  totalWeight: decimal('total_weight'),
  cancelReason: column('cancel_reason', 'text'),
  canceledAt: column('canceled_at', 'timestamptz'),
  cancelPending: column('cancel_pending', 'boolean'),
  version: column('version', 'integer'),
  createdAt: column('created_at', 'timestamptz'),
  updatedAt: column('updated_at', 'timestamptz'),
};

export const ITEM_COLUMNS: Columns<OrderItem> = {
  id: column('id', 'uuid'),
  position: column('position', 'smallint'),
  sku: column('sku', 'text'),
  name: column('name', 'text'),
  qty: column('qty', 'integer'),
  price: int8('price'),
  discountAmount: int8('discount_amount'),
  taxAmount: int8('tax_amount'),
  finalPrice: int8('final_price'),
  lineTotal: int8('line_total'),
  weight: decimal('weight'),
  variantOptions: jsonb('variant_options'),
  shippedQty: column('shipped_qty', 'integer'),
};

export const ACTIVITY_COLUMNS: Columns<Activity> = {
  id: column('id', 'uuid'),
  type: column('type', 'text'),
  data: jsonb('data'),
  message: column('message', 'text'),
  customerNotified: column('customer_notified', 'boolean'),
  author: column('author', 'text'),
  createdAt: column('created_at', 'timestamptz'),
};

export const SHIPMENT_COLUMNS: Columns<OrderShipment> = {
  shipmentId: column('shipment_id', 'uuid'),
  shipmentNumber: column('shipment_number', 'text'),
  carrier: column('carrier', 'text'),
  trackingNumber: column('tracking_number', 'text'),
  status: column('status', 'text'),
  items: jsonb('items'),
  createdAt: column('created_at', 'timestamptz'),
};

/** What the checkout gives a new order; its number, timestamps and cancel state are the database's. */
export const PLACED_ORDER_FIELDS = [
  'id', 'currency', 'customerId', 'customerEmail', 'customerFullName', 'customerPhone', 'customerSmsOptIn', 'customerLocale', 'status', 'paymentStatus', 'shipmentStatus',
  'inventoryStatus', 'shippingAddress', 'billingAddress', 'shippingMethod', 'paymentMethod', 'coupon', 'orderType', 'notes', 'metadata',
  'subTotal', 'discountAmount', 'taxAmount', 'shippingFee', 'grandTotal', 'totalQty', 'totalWeight', 'version', 'estimatedFulfillmentDate',
] as const satisfies readonly (keyof Order)[];

/** An item as placed (nothing shipped yet). */
export const PLACED_ITEM_FIELDS = [
  'id', 'position', 'sku', 'name', 'qty', 'price', 'discountAmount', 'taxAmount', 'finalPrice', 'lineTotal', 'weight', 'variantOptions',
] as const satisfies readonly (keyof OrderItem)[];

/** A history entry as written (its time is the database's). */
export const HISTORY_FIELDS = ['id', 'type', 'data', 'message', 'customerNotified', 'author'] as const satisfies readonly (keyof Activity)[];

/** A placed order is one statement (one round trip): the number, the order, its items, its first history entry. */
const orderValues = PLACED_ORDER_FIELDS.map((f, i) => `$${i + 1}::${ORDER_COLUMNS[f].type}`).join(', ');
const itemsFrom = PLACED_ORDER_FIELDS.length + 1;
const tail = itemsFrom + PLACED_ITEM_FIELDS.length;
export const INSERT_PLACED = `
  WITH numbered AS (
    SELECT $${tail + 2}::text || lpad(n::text, greatest(6, length(n::text)), '0') AS order_number FROM nextval('order_number_seq') AS n
  ), inserted AS (
    INSERT INTO orders (order_number, ${columnNames(ORDER_COLUMNS, PLACED_ORDER_FIELDS)})
    SELECT order_number, ${orderValues} FROM numbered
    RETURNING id, order_number
  ), lines AS (
    INSERT INTO order_item (order_id, ${columnNames(ITEM_COLUMNS, PLACED_ITEM_FIELDS)})
    SELECT $1, * FROM unnest(${arrayParams(ITEM_COLUMNS, PLACED_ITEM_FIELDS, itemsFrom)})
  ), activity AS (
    INSERT INTO order_activity (id, order_id, type, data, message, customer_notified, author)
    SELECT $${tail}, id, 'order_placed', jsonb_build_object('orderNumber', order_number), 'Order ' || order_number || ' placed', true, $${tail + 1} FROM inserted
  )
  SELECT order_number FROM inserted`;

/** History entries of any number of orders: `$1` their order ids, then one array per field. */
export const INSERT_HISTORY = `
  INSERT INTO order_activity (order_id, ${columnNames(ACTIVITY_COLUMNS, HISTORY_FIELDS)})
  SELECT * FROM unnest($1::uuid[], ${arrayParams(ACTIVITY_COLUMNS, HISTORY_FIELDS, 2)})
  RETURNING *`;
