import { OrderView, ShipmentView } from '@oms/contracts';
import { AppError } from '@oms/platform';

/** Shipments that are still on their way: their tracking may change and they may be delivered. */
const OPEN = (shipment: ShipmentView) => !['delivered', 'canceled', 'returned'].includes(shipment.status);

/** What `updateOrderShipping` and `addOrderTracking` act on: a new shipment, or one that exists. */
export type ShippingTarget = { create: true } | { create: false; shipment: ShipmentView };

/**
 * The shipment a shipping or tracking change is for. Named (`shipmentId`): that shipment of the order.
 * Else, while something is left to ship, a new shipment of everything left; else the newest shipment still
 * on its way. An order with nothing left and nothing on its way has nothing to change: a conflict.
 */
export function shippingTarget(order: OrderView, shipments: ShipmentView[], shipmentId?: string): ShippingTarget {
  if (shipmentId !== undefined) {
    const shipment = shipments.find((candidate) => candidate.shipmentId === shipmentId);
    if (!shipment) throw AppError.notFound(`Shipment ${shipmentId} of order ${order.orderNumber} was not found.`);
    return { create: false, shipment };
  }
  if (order.actions.ship) return { create: true };
  const open = shipments.filter(OPEN);
  if (!open.length) throw AppError.conflict(`Order ${order.orderNumber} has nothing left to ship and no shipment on its way to change.`);
  return { create: false, shipment: open[open.length - 1] };
}

/** The shipments `markOrderDelivered` delivers: the one named, or every one still on its way. */
export function deliverable(order: OrderView, shipments: ShipmentView[], shipmentId?: string): ShipmentView[] {
  if (shipmentId !== undefined) {
    const target = shippingTarget(order, shipments, shipmentId);
    return target.create ? [] : [target.shipment];
  }
  const open = shipments.filter(OPEN);
  if (!open.length) throw AppError.conflict(`Order ${order.orderNumber} has no shipment on its way to mark delivered.`);
  return open;
}
