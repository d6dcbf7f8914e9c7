import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventTypes, ShipmentCancelAcknowledgedPayload, ShipmentCancelRejectedPayload, ShipmentCreatedPayload, ShipmentStatusChangedPayload,
} from '@oms/contracts';
import { OnEvent, PermanentEventError } from '@oms/messaging';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';

const unknownOrder = (shipmentNumber: string, orderId: string) => new PermanentEventError(`shipment ${shipmentNumber} is for unknown order ${orderId}`);

/** What the shipment service answers about an order: cancels decided, shipments created and tracked. */
@Injectable()
export class ShipmentOutcomes {
  constructor(private readonly orders: OrderRepository, private readonly aggregate: OrderAggregate) {}

  /** `shipment.cancel_acknowledged`: nothing shipped; the pending cancel completes and stock is released. */
  @OnEvent(EventTypes.ShipmentCancelAcknowledged, ShipmentCancelAcknowledgedPayload)
  async cancelAcknowledged(payload: ShipmentCancelAcknowledgedPayload, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    const change = order && this.aggregate.completeCancel(order);
    if (change) await this.orders.save(manager, order.id, change);
  }

  /** `shipment.cancel_rejected`: something shipped first; the order stays as it is. */
  @OnEvent(EventTypes.ShipmentCancelRejected, ShipmentCancelRejectedPayload)
  async cancelRejected(payload: ShipmentCancelRejectedPayload, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    const change = order && this.aggregate.refuseCancel(order, payload.reason);
    if (change) await this.orders.save(manager, order.id, change);
  }

  /** `shipment.created`: the order's shipment status rolls up to partially shipped or shipped. */
  @OnEvent(EventTypes.ShipmentCreated, ShipmentCreatedPayload)
  async shipmentCreated(payload: ShipmentCreatedPayload, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order) throw unknownOrder(payload.shipmentNumber, payload.orderId);
    // a shipment is rolled up once, even if its event is redelivered under another message id
    const shipment = { ...payload, trackingNumber: payload.trackingNumber ?? null };
    if (!(await this.orders.addShipment(manager, order.id, shipment))) return;
    const items = await this.orders.addShipped(manager, order.id, payload.items);
    const change = this.aggregate.applyShipment(order, shipment, items, await this.orders.liveShipmentStatuses(manager, order.id));
    await this.orders.save(manager, order.id, change);
  }

  /** `shipment.status_changed`: records it on the order's shipment and rolls the order up. */
  @OnEvent(EventTypes.ShipmentStatusChanged, ShipmentStatusChangedPayload)
  async shipmentStatusChanged(payload: ShipmentStatusChangedPayload, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order) throw unknownOrder(payload.shipmentNumber, payload.orderId);
    const change = await this.orders.setShipmentStatus(manager, payload.shipmentId, payload.status, new Date(payload.occurredAt));
    if (!change || change.previous === payload.status) return; // older than what the order knows, or a repeat
    // a voided shipment's units are no longer shipped
    const items = payload.status === 'canceled'
      ? await this.orders.addShipped(manager, order.id, change.items.map((i) => ({ orderItemId: i.orderItemId, qty: -i.qty })))
      : await this.orders.itemQuantities(manager, order.id);
    await this.orders.save(manager, order.id, this.aggregate.applyShipmentStatus(order, payload, items, await this.orders.liveShipmentStatuses(manager, order.id)));
  }
}
