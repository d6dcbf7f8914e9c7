import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload, OrderCanceledPayload, OrderCancelRequestedPayload, OrderPlacedPayload,
  ShipmentCancelAcknowledgedPayload, ShipmentCancelRejectedPayload, UNVERSIONED,
} from '@oms/contracts';
import { enqueueEvents, OnEvent, OnEvents } from '@oms/messaging';
import { ShipmentRepository } from '../persistence/shipment.repository';

/** Each order's replica is its own row: events of different orders are recorded together (one statement). */
const byOrder = (payload: { orderId: string }) => payload.orderId;

/**
 * The shipment service's replica of each order, kept from the order and inventory events (each fact only
 * moves forward, so their order of arrival does not matter), and the cancels it decides.
 */
@Injectable()
export class OrderReplicaEvents {
  constructor(private readonly shipments: ShipmentRepository) {}

  /** `order.placed`: the order's lines, to check shipments against. */
  @OnEvents(EventTypes.OrderPlaced, OrderPlacedPayload, byOrder)
  placed(events: EventEnvelope<OrderPlacedPayload>[], manager: EntityManager) {
    return this.shipments.recordOrders(manager, events.map(({ payload }) => ({
      orderId: payload.orderId, orderNumber: payload.orderNumber, lines: payload.lines, customerName: payload.customerFullName, shippingAddress: payload.shippingAddress,
    })));
  }

  /** `inventory.reserved`: the order may ship. */
  @OnEvents(EventTypes.InventoryReserved, InventoryReservedPayload, byOrder)
  reserved(events: EventEnvelope<InventoryReservedPayload>[], manager: EntityManager) {
    return this.shipments.recordOrders(manager, events.map(({ payload }) => ({ orderId: payload.orderId, stockStatus: 'reserved' })));
  }

  /** `inventory.reservation_failed`: the order never ships. */
  @OnEvents(EventTypes.InventoryReservationFailed, InventoryReservationFailedPayload, byOrder)
  reservationFailed(events: EventEnvelope<InventoryReservationFailedPayload>[], manager: EntityManager) {
    return this.shipments.recordOrders(manager, events.map(({ payload }) => ({ orderId: payload.orderId, stockStatus: 'failed' })));
  }

  /** `order.canceled`: no shipment may be created any more. */
  @OnEvents(EventTypes.OrderCanceled, OrderCanceledPayload, byOrder)
  canceled(events: EventEnvelope<OrderCanceledPayload>[], manager: EntityManager) {
    return this.shipments.recordOrders(manager, events.map(({ payload }) => ({ orderId: payload.orderId, canceled: true })));
  }

  /**
   * `order.cancel_requested`: decided under the order's lock, like a shipment. Nothing shipped: the order
   * is closed to shipments and the cancel acknowledged. A shipment exists: the cancel is rejected.
   */
  @OnEvent(EventTypes.OrderCancelRequested, OrderCancelRequestedPayload)
  async cancelRequested(payload: OrderCancelRequestedPayload, manager: EntityManager) {
    await this.shipments.recordOrders(manager, [{ orderId: payload.orderId, orderNumber: payload.orderNumber }]);
    await this.shipments.lockOrder(manager, payload.orderId);
    const shipped = await this.shipments.firstShipmentNumber(manager, payload.orderId);
    if (shipped) {
      const rejected: ShipmentCancelRejectedPayload = { orderId: payload.orderId, reason: `shipment ${shipped} has already shipped` };
      await enqueueEvents(manager, [{ type: EventTypes.ShipmentCancelRejected, aggregateId: payload.orderId, aggregateVersion: UNVERSIONED, payload: rejected }]);
      return;
    }
    await this.shipments.cancelOrder(manager, payload.orderId);
    const acknowledged: ShipmentCancelAcknowledgedPayload = { orderId: payload.orderId };
    await enqueueEvents(manager, [{ type: EventTypes.ShipmentCancelAcknowledged, aggregateId: payload.orderId, aggregateVersion: UNVERSIONED, payload: acknowledged }]);
  }
}
