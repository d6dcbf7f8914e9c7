import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload } from '@oms/contracts';
import { EventHandler, PermanentEventError } from '@oms/messaging';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';

// The order commits before its order.placed is published, so an outcome for an unknown order is bogus.
const UNKNOWN_ORDER = (orderId: string) => `order ${orderId} does not exist`;

/** `inventory.reserved`: the order's stock is held. */
@Injectable()
export class InventoryReservedHandler implements EventHandler<InventoryReservedPayload> {
  readonly type = EventTypes.InventoryReserved;
  readonly payloadType = InventoryReservedPayload;

  constructor(private readonly orders: OrderRepository, private readonly aggregate: OrderAggregate) {}

  async handle(event: EventEnvelope<InventoryReservedPayload>, manager: EntityManager) {
    // one statement on the hot path of every order; an order no longer reserving takes nothing
    const known = await this.orders.markReserved(manager, event.payload.orderId, this.aggregate.recordReservation());
    if (!known) throw new PermanentEventError(UNKNOWN_ORDER(event.payload.orderId));
  }
}

/** `inventory.reservation_failed`: the order is canceled with the reason, and `order.canceled` tells the rest. */
@Injectable()
export class InventoryReservationFailedHandler implements EventHandler<InventoryReservationFailedPayload> {
  readonly type = EventTypes.InventoryReservationFailed;
  readonly payloadType = InventoryReservationFailedPayload;

  constructor(private readonly orders: OrderRepository, private readonly aggregate: OrderAggregate) {}

  async handle(event: EventEnvelope<InventoryReservationFailedPayload>, manager: EntityManager) {
    const order = await this.orders.lock(manager, event.payload.orderId);
    if (!order) throw new PermanentEventError(UNKNOWN_ORDER(event.payload.orderId));
    const change = this.aggregate.failReservation(order, event.payload);
    if (change) await this.orders.save(manager, order.id, change);
  }
}
