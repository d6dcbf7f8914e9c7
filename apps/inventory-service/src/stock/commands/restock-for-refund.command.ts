import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, OrderRefundedPayload } from '@oms/contracts';
import { OnEvent } from '@oms/messaging';
import { StockRepository } from '../persistence/stock.repository';
import { perSku } from './sell-for-shipment.command';

/**
 * Puts refunded units marked `restock` back on hand, once per refund. Only shipped units come back
 * (unshipped ones never left and are released by the cancel), and never more than shipped in all.
 */
@Injectable()
export class RestockForRefundCommand {
  constructor(private readonly stock: StockRepository) {}

  @OnEvent(EventTypes.OrderRefunded, OrderRefundedPayload)
  async execute(refund: OrderRefundedPayload, manager: EntityManager): Promise<void> {
    const wanted = perSku(refund.lines.filter((l) => l.restock));
    if (!wanted.length) return;
    await this.stock.lockReservation(manager, refund.orderId);
    if (!(await this.stock.claimOnce(manager, 'refund_restock', refund.refundId, refund.orderId))) return;
    const shipped = new Map((await this.stock.reservationLines(manager, refund.orderId)).map((l) => [l.sku, l.shippedQty - l.restockedQty]));
    const lines = wanted
      .map(({ sku, qty }) => ({ sku, qty: Math.min(qty, shipped.get(sku) ?? 0) }))
      .filter((l) => l.qty > 0);
    if (!lines.length) return;
    await this.stock.lockMany(manager, lines.map((l) => l.sku));
    await this.stock.addRestocked(manager, refund.orderId, lines);
    await this.stock.move(manager, 'restock', lines.map((l) => ({ sku: l.sku, onHandDelta: l.qty, reservedDelta: 0 })), {
      orderId: refund.orderId,
      refundId: refund.refundId,
    });
  }
}
