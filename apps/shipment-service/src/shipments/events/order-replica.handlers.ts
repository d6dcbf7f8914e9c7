import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload, OrderCanceledPayload, OrderCancelRequestedPayload, OrderPlacedPayload, ShipmentCancelAcknowledgedPayload, ShipmentCancelRejectedPayload, UNVERSIONED } from '@oms/contracts';
import { enqueueEvents, EventHandler } from '@oms/messaging';
import { ShipmentRepository } from '../persistence/shipment.repository';

/** `order.placed`: the order's lines, to check shipments against. */
@Injectable()
export class OrderPlacedHandler implements EventHandler<OrderPlacedPayload> {
  readonly type = EventTypes.OrderPlaced;
  readonly payloadType = OrderPlacedPayload;
  constructor(private readonly shipments: ShipmentRepository) {}

  handle({ payload }: EventEnvelope<OrderPlacedPayload>, manager: EntityManager) {
    return this.shipments.recordOrder(manager, payload.orderId, {
      orderNumber: payload.orderNumber, lines: payload.lines, customerName: payload.customerFullName, shippingAddress: payload.shippingAddress,
    });
  }
}

/** `inventory.reserved`: the order may ship. */
@Injectable()
export class InventoryReservedHandler implements EventHandler<InventoryReservedPayload> {
  readonly type = EventTypes.InventoryReserved;
  readonly payloadType = InventoryReservedPayload;
  constructor(private readonly shipments: ShipmentRepository) {}

  handle({ payload }: EventEnvelope<InventoryReservedPayload>, manager: EntityManager) {
    return this.shipments.recordOrder(manager, payload.orderId, { stockStatus: 'reserved' });
  }
}

/** `inventory.reservation_failed`: the order never ships. */
@Injectable()
export class InventoryReservationFailedHandler implements EventHandler<InventoryReservationFailedPayload> {
  readonly type = EventTypes.InventoryReservationFailed;
  readonly payloadType = InventoryReservationFailedPayload;
  constructor(private readonly shipments: ShipmentRepository) {}

  handle({ payload }: EventEnvelope<InventoryReservationFailedPayload>, manager: EntityManager) {
    return this.shipments.recordOrder(manager, payload.orderId, { stockStatus: 'failed' });
  }
}

/** `order.canceled`: no shipment may be created any more. */
@Injectable()
export class OrderCanceledHandler implements EventHandler<OrderCanceledPayload> {
  readonly type = EventTypes.OrderCanceled;
  readonly payloadType = OrderCanceledPayload;
  constructor(private readonly shipments: ShipmentRepository) {}

  handle({ payload }: EventEnvelope<OrderCanceledPayload>, manager: EntityManager) {
    return this.shipments.recordOrder(manager, payload.orderId, { canceled: true });
  }
}

/**
 * `order.cancel_requested`: decided under the order's lock, like a shipment. Nothing shipped: the order
 * is closed to shipments and the cancel acknowledged. A shipment exists: the cancel is rejected.
 */
@Injectable()
export class OrderCancelRequestedHandler implements EventHandler<OrderCancelRequestedPayload> {
  readonly type = EventTypes.OrderCancelRequested;
  readonly payloadType = OrderCancelRequestedPayload;
  constructor(private readonly shipments: ShipmentRepository) {}

  async handle({ payload }: EventEnvelope<OrderCancelRequestedPayload>, manager: EntityManager) {
    await this.shipments.recordOrder(manager, payload.orderId, { orderNumber: payload.orderNumber });
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

/** Every event the shipment service subscribes to. */
export const shipmentEventHandlers = [
  OrderPlacedHandler, InventoryReservedHandler, InventoryReservationFailedHandler, OrderCanceledHandler, OrderCancelRequestedHandler,
];
