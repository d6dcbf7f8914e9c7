import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload } from '@oms/contracts';
import { OnEvent, OnEvents, PermanentEventError } from '@oms/messaging';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';

// The order commits before its order.placed is published, so an outcome for an unknown order is bogus.
const unknownOrder = (orderId: string) => new PermanentEventError(`order ${orderId} does not exist`);

/** What inventory answers about an order's stock. */
@Injectable()
export class InventoryOutcomes {
  constructor(private readonly orders: OrderRepository, private readonly aggregate: OrderAggregate) {}

  /**
   * `inventory.reserved`: one statement on the hot path of every order, for the reservations of many
   * orders at once; an order no longer reserving takes nothing.
   */
  @OnEvents(EventTypes.InventoryReserved, InventoryReservedPayload, (payload) => payload.orderId)
  async reserved(events: EventEnvelope<InventoryReservedPayload>[], manager: EntityManager) {
    const [unknown] = await this.orders.markReserved(manager, events.map(({ payload }) => payload.orderId), this.aggregate.recordReservation());
    if (unknown) throw unknownOrder(unknown);
  }

  /** `inventory.reservation_failed`: the order is canceled with the reason, and `order.canceled` tells the rest. */
  @OnEvent(EventTypes.InventoryReservationFailed, InventoryReservationFailedPayload)
  async reservationFailed(payload: InventoryReservationFailedPayload, manager: EntityManager) {
    const order = await this.orders.lock(manager, payload.orderId);
    if (!order) throw unknownOrder(payload.orderId);
    const change = this.aggregate.failReservation(order, payload);
    if (change) await this.orders.save(manager, order.id, change);
  }
}
