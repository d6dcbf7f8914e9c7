import { Injectable } from '@nestjs/common';
import { CreateRefundDto, RefundView, RpcMeta } from '@oms/contracts';
import { toRefundView } from '../payment-view.mapper';
import { amountInMinorUnits, LedgerWriter } from './ledger-writer';

/**
 * `POST /api/orders/:id/refunds`: gives money back, never more than was captured and not refunded yet
 * (409), optionally for items, whose shipped units marked `restock` go back on hand through
 * `order.refunded`. A full refund makes the payment status `refunded`.
 */
@Injectable()
export class RefundOrderCommand {
  constructor(private readonly ledger: LedgerWriter) {}

  async execute(idOrNumber: string, request: CreateRefundDto, meta: RpcMeta): Promise<RefundView> {
    return this.ledger.onLockedOrder(idOrNumber, 'payments.refund', request, meta, async (manager, order) => {
      const refund = await this.ledger.refund(manager, order, {
        amount: amountInMinorUnits(request.amount, order.currency), currency: order.currency, reason: request.reason, items: request.items ?? [],
        provider: request.provider?.toLowerCase(), reference: request.reference,
      }, meta.actor.sub);
      return toRefundView(refund);
    });
  }
}
