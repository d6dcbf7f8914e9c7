import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload, OrderPlacedPayload, RESERVATION_FAILURES, UNVERSIONED } from '@oms/contracts';
import { enqueueEvents, inEventContext, OnEventGivenUp, OnEvents } from '@oms/messaging';
import { reserveInTurn } from '../domain/reservation-plan';
import { StockRepository } from '../persistence/stock.repository';
import { lowStockEvents } from './stock-events';

/**
 * Reserves all lines of each placed order or none, inside the inbox transaction, for many orders in
 * three statements. Their outcomes are claimed and the rows of all their SKUs locked in a fixed order
 * at once (no read-modify-write race, no deadlock), the orders are planned in the order they came, each
 * against what those before it left, then the reservations are written together; never below zero (the
 * table's CHECK constraint is the last line). The outcome is recorded once per order.
 */
@Injectable()
export class ReserveForOrderCommand {
  constructor(private readonly stock: StockRepository) {}

  @OnEvents(EventTypes.OrderPlaced, OrderPlacedPayload, (order) => order.orderId)
  async execute(events: EventEnvelope<OrderPlacedPayload>[], manager: EntityManager): Promise<void> {
    const orders = events.map((event) => event.payload);
    const { claimed, levels } = await this.stock.claimAndLock(manager, orders.map((o) => o.orderId), 'reserved', orders.flatMap((o) => o.lines.map((l) => l.sku)));
    // a duplicate, or a cancel that arrived first, already recorded an outcome: nothing to reserve
    const fresh = events.filter((event) => claimed.has(event.payload.orderId.toLowerCase()));
    const turns = reserveInTurn(fresh.map((event) => event.payload.lines), levels);
    const reserved: InventoryReservedPayload[] = [];
    const failed: string[] = [];
    for (const [index, { plan, before, after }] of turns.entries()) {
      const { orderId } = fresh[index].payload;
      await inEventContext(fresh[index], () => {
        if (!plan.ok) {
          failed.push(orderId);
          return this.announceFailure(manager, { orderId, reason: RESERVATION_FAILURES.insufficientStock, shortLines: plan.shortLines });
        }
        const payload: InventoryReservedPayload = { orderId, lines: plan.lines };
        reserved.push(payload);
        return enqueueEvents(manager, [
          { type: EventTypes.InventoryReserved, aggregateId: orderId, aggregateVersion: UNVERSIONED, payload },
          ...lowStockEvents(before, after),
        ]);
      });
    }
    await this.stock.setReservationStatus(manager, failed, 'failed');
    await this.stock.reserve(manager, reserved);
  }

  /** The order can never be reserved (its event failed for good): it is refused with the reason, nothing held. */
  @OnEventGivenUp(EventTypes.OrderPlaced)
  async refuse(order: OrderPlacedPayload, manager: EntityManager, detail: string): Promise<void> {
    if (!(await this.stock.claimReservation(manager, order.orderId, 'failed'))) return;
    await this.announceFailure(manager, { orderId: order.orderId, reason: RESERVATION_FAILURES.notApplicable, shortLines: [], detail });
  }

  private announceFailure(manager: EntityManager, payload: InventoryReservationFailedPayload) {
    return enqueueEvents(manager, [{ type: EventTypes.InventoryReservationFailed, aggregateId: payload.orderId, aggregateVersion: UNVERSIONED, payload }]);
  }
}
