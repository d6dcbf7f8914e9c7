import type { OrderSummaryView } from '@contracts/orders/order-queries.dto';

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // quoted when needed; a leading = + - @ would be run as a formula by spreadsheets
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function ordersCsv(orders: OrderSummaryView[]): string {
  const header = ['orderNumber', 'createdAt', 'customerName', 'customerEmail', 'status', 'paymentStatus', 'shipmentStatus', 'currency', 'grandTotal', 'totalQty'];
  const rows = orders.map((order) => [order.orderNumber, order.createdAt, order.customer.fullName, order.customer.email, order.status.code,
    order.paymentStatus.code, order.shipmentStatus.code, order.currency, order.grandTotal, order.totalQty]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
