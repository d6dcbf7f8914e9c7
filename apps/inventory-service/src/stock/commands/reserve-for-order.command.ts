import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, InventoryReservationFailedPayload, InventoryReservedPayload, OrderPlacedPayload, RESERVATION_FAILURES, UNVERSIONED } from '@oms/contracts';
import { enqueueEvents, OnEvent, OnEventGivenUp } from '@oms/messaging';
import { planReservation } from '../domain/reservation-plan';
import { StockRepository } from '../persistence/stock.repository';
import { lowStockEvents } from './stock-events';

/**
 * Reserves all lines of a placed order or none, inside the inbox transaction, in two statements. The
 * SKU rows are locked in a fixed order as the outcome is claimed, checked, then updated: no
 * read-modify-write race, no deadlock, never below zero (the table's CHECK constraint is the last line).
 * The outcome is recorded once per order.
 */
@Injectable()
export class ReserveForOrderCommand {
  constructor(private readonly stock: StockRepository) {}

  @OnEvent(EventTypes.OrderPlaced, OrderPlacedPayload)
  async execute(order: OrderPlacedPayload, manager: EntityManager): Promise<void> {
    // A duplicate, or a cancel that arrived first, already recorded an outcome: nothing to reserve.
    const levels = await this.stock.claimAndLock(manager, order.orderId, 'reserved', order.lines.map((l) => l.sku));
    if (!levels) return;
    const plan = planReservation(order.lines, levels);
    if (!plan.ok) {
      await this.stock.setReservationStatus(manager, order.orderId, 'failed');
      await this.announceFailure(manager, { orderId: order.orderId, reason: RESERVATION_FAILURES.insufficientStock, shortLines: plan.shortLines });
      return;
    }
    await this.stock.reserve(manager, order.orderId, plan.lines);
    const after = plan.lines.map((l) => {
      const level = levels.get(l.sku)!;
      return { ...level, reserved: level.reserved + l.qty };
    });
    const payload: InventoryReservedPayload = { orderId: order.orderId, lines: plan.lines };
    await enqueueEvents(manager, [
      { type: EventTypes.InventoryReserved, aggregateId: order.orderId, aggregateVersion: UNVERSIONED, payload },
      ...lowStockEvents(levels, after),
    ]);
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
