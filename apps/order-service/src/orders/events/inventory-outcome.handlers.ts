import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload, OrderCanceledPayload,
} from '@oms/contracts';
import { enqueueEvents, EventHandler, PermanentEventError } from '@oms/messaging';
import { Order } from '../domain/order';
import { OrderStatuses } from '../domain/order-statuses';
import { canceledStatuses, describeShortage } from '../domain/order-transitions';
import { OrderRepository } from '../persistence/order.repository';

const SYSTEM = 'system';

// The order commits before its order.placed is published, so an outcome for an unknown order is bogus.
const UNKNOWN_ORDER = (orderId: string) => `order ${orderId} does not exist`;

/** Loads and locks the order an inventory outcome is about; only an order still `reserving` takes one. */
async function lockReserving(orders: OrderRepository, manager: EntityManager, orderId: string): Promise<Order | null> {
  const order = await orders.lock(manager, orderId);
  if (!order) throw new PermanentEventError(UNKNOWN_ORDER(orderId));
  return order.inventoryStatus === 'reserving' ? order : null;
}

/** `inventory.reserved`: the order's stock is held. */
@Injectable()
export class InventoryReservedHandler implements EventHandler<InventoryReservedPayload> {
  readonly type = EventTypes.InventoryReserved;
  readonly payloadType = InventoryReservedPayload;

  constructor(private readonly orders: OrderRepository) {}

  async handle(event: EventEnvelope<InventoryReservedPayload>, manager: EntityManager) {
    // one statement on the hot path of every order; an order no longer reserving takes nothing
    const known = await this.orders.markReserved(manager, event.payload.orderId, { message: 'Stock reserved for every item', author: SYSTEM });
    if (!known) throw new PermanentEventError(UNKNOWN_ORDER(event.payload.orderId));
  }
}

/** `inventory.reservation_failed`: the order is canceled with the reason, and `order.canceled` tells the rest. */
@Injectable()
export class InventoryReservationFailedHandler implements EventHandler<InventoryReservationFailedPayload> {
  readonly type = EventTypes.InventoryReservationFailed;
  readonly payloadType = InventoryReservationFailedPayload;

  constructor(
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
  ) {}

  async handle(event: EventEnvelope<InventoryReservationFailedPayload>, manager: EntityManager) {
    const order = await lockReserving(this.orders, manager, event.payload.orderId);
    if (!order) return;
    const { shortLines, detail } = event.payload;
    const reason = shortLines.length ? `Out of stock: ${describeShortage(shortLines)}` : 'Stock could not be reserved for this order';
    const version = await this.orders.update(manager, order.id, {
      ...canceledStatuses(this.statuses),
      inventoryStatus: 'failed',
      cancelReason: reason,
      cancelPending: false, // a cancel requested meanwhile is settled by this one
      canceledAt: new Date(),
    });
    await this.orders.addActivity(manager, order.id, { message: `Order canceled. ${reason}`, customerNotified: true, author: SYSTEM });
    if (detail) await this.orders.addActivity(manager, order.id, { message: `Inventory could not reserve the order: ${detail}`, customerNotified: false, author: SYSTEM });
    const payload: OrderCanceledPayload = { orderId: order.id, orderNumber: order.orderNumber, reason };
    await enqueueEvents(manager, [
      { type: EventTypes.OrderCanceled, aggregateId: order.id, aggregateVersion: version, payload },
    ]);
  }
}
