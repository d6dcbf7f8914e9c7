import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CreateRefundDto, RefundView, RpcMeta } from '@oms/contracts';
import { AppError, validateInput } from '@oms/platform';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { checkRefundLines, RefundableItem } from '../domain/refund-lines';
import { PaymentRepository } from '../persistence/payment.repository';
import { toRefundView } from '../payment-view.mapper';
import { amountInMinorUnits, LedgerWriter } from './ledger-writer';

/**
 * `POST /api/orders/:id/refunds`: gives money back, never more than was captured and not refunded yet
 * (409), optionally for items, whose shipped units marked `restock` go back on hand through
 * `order.refunded`. A full refund makes the payment status `refunded`.
 */
@Injectable()
export class RefundOrderCommand {
  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  async execute(idOrNumber: string, input: unknown, meta: RpcMeta): Promise<RefundView> {
    const request = validateInput(CreateRefundDto, input);
    return this.ledger.onLockedOrder(idOrNumber, 'payments.refund', input, meta, async (manager, order) => {
      const amount = amountInMinorUnits(request.amount, order.currency);
      const check = checkRefundLines(request.items ?? [], await this.refundableItems(manager, order.id));
      if (check.invalid.length) throw AppError.validation(check.invalid);
      if (check.conflicts.length) throw AppError.conflict(`The refund asks for more units than the order has left: ${check.conflicts.join('; ')}.`);
      const refund = await this.ledger.refund(manager, order, {
        amount, currency: order.currency, reason: request.reason, lines: check.lines, provider: request.provider?.toLowerCase(), reference: request.reference,
      }, meta.actor.sub);
      return toRefundView(refund);
    });
  }

  private async refundableItems(manager: EntityManager, orderId: string): Promise<RefundableItem[]> {
    const [items, { refunds }] = await Promise.all([this.orders.items(manager, orderId), this.payments.ledger(orderId, manager)]);
    const refunded = new Map<string, { qty: number; restocked: number }>();
    for (const line of refunds.flatMap((r) => r.items)) {
      const sums = refunded.get(line.orderItemId) ?? { qty: 0, restocked: 0 };
      sums.qty += line.qty;
      if (line.restock) sums.restocked += line.qty;
      refunded.set(line.orderItemId, sums);
    }
    return items.map((item) => ({
      id: item.id, sku: item.sku, qty: item.qty, shippedQty: item.shippedQty,
      refundedQty: refunded.get(item.id)?.qty ?? 0, restockedQty: refunded.get(item.id)?.restocked ?? 0,
    }));
  }
}
