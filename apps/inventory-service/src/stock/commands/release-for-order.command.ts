import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, OrderCanceledPayload } from '@oms/contracts';
import { OnEvent } from '@oms/messaging';
import { StockRepository } from '../persistence/stock.repository';

/**
 * Releases what is still reserved for a canceled order, exactly once: the reservation moves from
 * `reserved` to `released` under its row lock, and only units not shipped yet are released. A cancel that arrives before the order was placed leaves
 * a tombstone so the late `order.placed` reserves nothing.
 */
@Injectable()
export class ReleaseForOrderCommand {
  constructor(private readonly stock: StockRepository) {}

  @OnEvent(EventTypes.OrderCanceled, OrderCanceledPayload)
  async execute(canceled: OrderCanceledPayload, manager: EntityManager): Promise<void> {
    const { orderId, reason } = canceled;
    const status = await this.stock.lockReservation(manager, orderId);
    if (status === null) {
      if (!(await this.stock.claimReservation(manager, orderId, 'canceled_before_placed'))) {
        await this.execute(canceled, manager); // order.placed recorded its outcome meanwhile
      }
      return;
    }
    if (status !== 'reserved') return;
    const unshipped = (await this.stock.reservationLines(manager, orderId))
      .map((l) => ({ sku: l.sku, qty: l.qty - l.shippedQty }))
      .filter((l) => l.qty > 0);
    await this.stock.lockMany(manager, unshipped.map((l) => l.sku));
    await this.stock.move(manager, 'release', unshipped.map((l) => ({ sku: l.sku, onHandDelta: 0, reservedDelta: -l.qty })), { orderId, reason });
    await this.stock.setReservationStatus(manager, [orderId], 'released');
  }
}
