import { EventTypes, OrderStatusChangedPayload } from '@oms/contracts';
import { NewEvent } from '@oms/messaging';
import { Order } from '../domain/order';
import { StatusChanges } from '../domain/order-transitions';

/** `order.status_changed` when any of the three statuses moved, else nothing. */
export function statusChangedEvents(order: Order, next: StatusChanges, version: number): NewEvent<OrderStatusChangedPayload>[] {
  if (next.status === order.status && next.paymentStatus === order.paymentStatus && next.shipmentStatus === order.shipmentStatus) return [];
  const payload: OrderStatusChangedPayload = { orderId: order.id, orderNumber: order.orderNumber, ...next, previousStatus: order.status };
  return [{ type: EventTypes.OrderStatusChanged, aggregateId: order.id, aggregateVersion: version, payload }];
}
