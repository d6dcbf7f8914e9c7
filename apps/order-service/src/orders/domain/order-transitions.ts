/** A reservation failure names what was short: "SKU-1 (requested 3, available 1)". */
export function describeShortage(lines: { sku: string; requested: number; available: number }[]): string {
  return lines.map((l) => `${l.sku} (requested ${l.requested}, available ${Math.max(l.available, 0)})`).join(', ');
}

/**
 * The order's shipment status from its items and its live (not canceled) shipments: every shipment
 * returned is `returned`; every unit shipped and every shipment delivered is `delivered`; some delivered
 * is `partially_delivered`; otherwise `shipped`, `partially_shipped` or `pending` by the units shipped.
 */
export function rollUpShipmentStatus(items: { qty: number; shippedQty: number }[], liveShipmentStatuses: string[]): string {
  const allShipped = items.every((i) => i.shippedQty >= i.qty);
  const anyShipped = items.some((i) => i.shippedQty > 0);
  if (liveShipmentStatuses.length && liveShipmentStatuses.every((s) => s === 'returned')) return 'returned';
  const delivered = liveShipmentStatuses.filter((s) => s === 'delivered').length;
  if (delivered && allShipped && delivered === liveShipmentStatuses.length) return 'delivered';
  if (delivered) return 'partially_delivered';
  return allShipped ? 'shipped' : anyShipped ? 'partially_shipped' : 'pending';
}
