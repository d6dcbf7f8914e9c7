import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, EventTypes, OrderCanceledPayload, ShipmentCancelAcknowledgedPayload,
  ShipmentCancelRejectedPayload, ShipmentCreatedPayload, ShipmentStatusChangedPayload,
} from '@oms/contracts';
import { enqueueEvents, EventHandler, PermanentEventError } from '@oms/messaging';
import { OrderStatuses } from '../domain/order-statuses';
import { canceledStatuses, rollUpShipmentStatus } from '../domain/order-transitions';
import { OrderRepository } from '../persistence/order.repository';
import { statusChangedEvents } from './status-changed';

const SYSTEM = 'system';

/** `shipment.cancel_acknowledged`: nothing shipped; the pending cancel completes and stock is released. */
@Injectable()
export class CancelAcknowledgedHandler implements EventHandler<ShipmentCancelAcknowledgedPayload> {
  readonly type = EventTypes.ShipmentCancelAcknowledged;
  readonly payloadType = ShipmentCancelAcknowledgedPayload;
  constructor(private readonly orders: OrderRepository, private readonly statuses: OrderStatuses) {}

  async handle({ payload }: EventEnvelope<ShipmentCancelAcknowledgedPayload>, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order?.cancelPending) return;
    const reason = order.cancelReason ?? 'Canceled';
    const version = await this.orders.update(manager, order.id, {
      ...canceledStatuses(this.statuses),
      cancelPending: false,
      canceledAt: new Date(),
      // inventory releases what it holds on order.canceled, and nothing it never reserved
      inventoryStatus: order.inventoryStatus === 'failed' ? 'failed' : 'released',
    });
    await this.orders.addActivity(manager, order.id, { message: `Order canceled. ${reason}`, customerNotified: true, author: SYSTEM });
    const canceled: OrderCanceledPayload = { orderId: order.id, orderNumber: order.orderNumber, reason };
    await enqueueEvents(manager, [{ type: EventTypes.OrderCanceled, aggregateId: order.id, aggregateVersion: version, payload: canceled }]);
  }
}

/** `shipment.cancel_rejected`: something shipped first; the order stays as it is. */
@Injectable()
export class CancelRejectedHandler implements EventHandler<ShipmentCancelRejectedPayload> {
  readonly type = EventTypes.ShipmentCancelRejected;
  readonly payloadType = ShipmentCancelRejectedPayload;
  constructor(private readonly orders: OrderRepository) {}

  async handle({ payload }: EventEnvelope<ShipmentCancelRejectedPayload>, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order?.cancelPending) return;
    await this.orders.update(manager, order.id, { cancelPending: false, cancelReason: null });
    await this.orders.addActivity(manager, order.id, { message: `Cancellation refused: ${payload.reason}`, customerNotified: false, author: SYSTEM });
  }
}

/** `shipment.created`: the order's shipment status rolls up to partially shipped or shipped. */
@Injectable()
export class ShipmentCreatedHandler implements EventHandler<ShipmentCreatedPayload> {
  readonly type = EventTypes.ShipmentCreated;
  readonly payloadType = ShipmentCreatedPayload;
  constructor(private readonly orders: OrderRepository, private readonly statuses: OrderStatuses) {}

  async handle({ payload }: EventEnvelope<ShipmentCreatedPayload>, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order) throw new PermanentEventError(`shipment ${payload.shipmentNumber} is for unknown order ${payload.orderId}`);
    if (order.status === canceledStatuses(this.statuses).status) {
      throw new PermanentEventError(`shipment ${payload.shipmentNumber} is for canceled order ${order.orderNumber}`);
    }
    // a shipment is rolled up once, even if its event is redelivered under another message id
    const recorded = await this.orders.addShipment(manager, order.id, {
      shipmentId: payload.shipmentId, shipmentNumber: payload.shipmentNumber, carrier: payload.carrier,
      trackingNumber: payload.trackingNumber ?? null, items: payload.items,
    });
    if (!recorded) return;
    const items = await this.orders.addShipped(manager, order.id, payload.items);
    const shipmentStatus = rollUpShipmentStatus(items, await this.orders.liveShipmentStatuses(manager, order.id));
    const status = this.statuses.resolve(order.paymentStatus, shipmentStatus);
    const version = await this.orders.update(manager, order.id, { shipmentStatus, status });
    const tracking = payload.trackingNumber ? `, tracking ${payload.trackingNumber}` : '';
    await this.orders.addActivity(manager, order.id, {
      message: `Shipment ${payload.shipmentNumber} created via ${payload.carrier}${tracking}`, customerNotified: payload.notifyCustomer, author: SYSTEM,
    });
    await enqueueEvents(manager, statusChangedEvents(order, { status, paymentStatus: order.paymentStatus, shipmentStatus }, version));
  }
}

const SHIPMENT_LABELS: Record<string, { text: string; customer: boolean }> = {
  in_transit: { text: 'is in transit', customer: false },
  out_for_delivery: { text: 'is out for delivery', customer: true },
  delivered: { text: 'delivered', customer: true },
  exception: { text: 'has a delivery exception', customer: true },
  returned: { text: 'was returned', customer: true },
  canceled: { text: 'was canceled (voided before pickup)', customer: true },
};

/** `shipment.status_changed`: records it on the order's shipment and rolls the order up. */
@Injectable()
export class ShipmentStatusChangedHandler implements EventHandler<ShipmentStatusChangedPayload> {
  readonly type = EventTypes.ShipmentStatusChanged;
  readonly payloadType = ShipmentStatusChangedPayload;
  constructor(private readonly orders: OrderRepository, private readonly statuses: OrderStatuses) {}

  async handle({ payload }: EventEnvelope<ShipmentStatusChangedPayload>, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order) throw new PermanentEventError(`shipment ${payload.shipmentNumber} is for unknown order ${payload.orderId}`);
    const change = await this.orders.setShipmentStatus(manager, payload.shipmentId, payload.status, new Date(payload.occurredAt));
    if (!change || change.previous === payload.status) return; // older than what the order knows, or a repeat
    // a voided shipment's units are no longer shipped
    const items = payload.status === 'canceled'
      ? await this.orders.addShipped(manager, order.id, change.items.map((i) => ({ orderItemId: i.orderItemId, qty: -i.qty })))
      : await this.orders.itemQuantities(manager, order.id);
    const shipmentStatus = rollUpShipmentStatus(items, await this.orders.liveShipmentStatuses(manager, order.id));
    const status = this.statuses.resolve(order.paymentStatus, shipmentStatus);
    const version = await this.orders.update(manager, order.id, { shipmentStatus, status });
    const label = SHIPMENT_LABELS[payload.status];
    if (label) {
      await this.orders.addActivity(manager, order.id, { message: `Shipment ${payload.shipmentNumber} ${label.text}`, customerNotified: label.customer, author: SYSTEM });
    }
    await enqueueEvents(manager, statusChangedEvents(order, { status, paymentStatus: order.paymentStatus, shipmentStatus }, version));
  }
}
