import { OrderStatuses } from './order-statuses';
import { Order } from './order';

export type StatusChanges = Pick<Order, 'status' | 'paymentStatus' | 'shipmentStatus'>;

/** The statuses of a new order: each group's default, and the order status they resolve to. */
export function initialStatuses(statuses: OrderStatuses): StatusChanges {
  const paymentStatus = statuses.defaultOf('paymentStatus');
  const shipmentStatus = statuses.defaultOf('shipmentStatus');
  return { paymentStatus, shipmentStatus, status: statuses.resolve(paymentStatus, shipmentStatus) };
}

/** Canceling sets payment and shipment to canceled; the order status follows from the rules. */
export function canceledStatuses(statuses: OrderStatuses): StatusChanges {
  return { paymentStatus: 'canceled', shipmentStatus: 'canceled', status: statuses.resolve('canceled', 'canceled') };
}

/** A reservation failure names what was short: "SKU-1 (requested 3, available 1)". */
export function describeShortage(lines: { sku: string; requested: number; available: number }[]): string {
  return lines.map((l) => `${l.sku} (requested ${l.requested}, available ${Math.max(l.available, 0)})`).join(', ');
}

/**
 * The order's shipment status from its shipments: every unit shipped and every shipment delivered is
 * `delivered`; some delivered is `partially_delivered`; every shipment returned is `returned`.
 */
export function rollUpShipmentStatus(current: string, allUnitsShipped: boolean, shipmentStatuses: string[]): string {
  if (shipmentStatuses.length && shipmentStatuses.every((s) => s === 'returned')) return 'returned';
  const delivered = shipmentStatuses.filter((s) => s === 'delivered').length;
  if (delivered && allUnitsShipped && delivered === shipmentStatuses.length) return 'delivered';
  if (delivered) return 'partially_delivered';
  return current;
}
