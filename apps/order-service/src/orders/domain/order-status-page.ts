import { OrderProgressStep, OrderStatusPageView } from '@oms/contracts';
import { fromMinorUnits } from '@oms/money';
import { OrderWithDetails } from './order';

/** Shipment statuses that mean the parcel reached the step, in the order they are passed. */
const REACHED: Record<Exclude<OrderProgressStep, 'confirmed'>, string[]> = {
  shipped: ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned'],
  out_for_delivery: ['out_for_delivery', 'delivered'],
  delivered: ['delivered'],
};

/**
 * What the customer's order page shows of an order: progress as steps, the items, and the updates meant
 * for the customer. A step is done when every parcel still on its way reached it (shipped: once anything
 * shipped; delivered: only when the whole order is delivered). Parcels are added by the gateway from the
 * shipment service, which keeps their tracking.
 */
export function toStatusPage(order: Pick<OrderWithDetails, 'orderNumber' | 'createdAt' | 'currency' | 'grandTotal' | 'status' | 'paymentStatus'
  | 'shipmentStatus' | 'cancelReason' | 'items' | 'activities' | 'shipments' | 'refunds'>): Omit<OrderStatusPageView, 'parcels'> {
  const parcels = order.shipments.filter((shipment) => shipment.status !== 'canceled');
  const reached = (step: keyof typeof REACHED) => parcels.length > 0 && parcels.every((parcel) => REACHED[step].includes(parcel.status));
  const canceled = order.status === 'canceled';
  const refunded = order.paymentStatus === 'refunded';
  const delivered = order.shipmentStatus === 'delivered';
  return {
    orderNumber: order.orderNumber,
    placedAt: order.createdAt.toISOString(),
    currency: order.currency,
    grandTotal: fromMinorUnits(order.grandTotal, order.currency),
    outcome: canceled ? 'canceled' : refunded ? 'refunded' : delivered ? 'delivered' : 'in_progress',
    reason: canceled ? order.cancelReason : refunded ? (order.refunds.at(-1)?.reason ?? null) : null,
    steps: [
      { step: 'confirmed', done: true },
      { step: 'shipped', done: parcels.length > 0 },
      { step: 'out_for_delivery', done: delivered || reached('out_for_delivery') },
      { step: 'delivered', done: delivered },
    ],
    items: order.items.map((item) => ({ sku: item.sku, name: item.name, qty: item.qty, lineTotal: fromMinorUnits(item.lineTotal, order.currency) })),
    updates: order.activities.filter((activity) => activity.customerNotified).map((activity) => ({ message: activity.message, at: activity.createdAt.toISOString() })),
  };
}
