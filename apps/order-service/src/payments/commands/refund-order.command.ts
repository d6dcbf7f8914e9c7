import { Injectable } from '@nestjs/common';
import { CreateRefundDto, FieldError, RefundView, RpcMeta } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { minorUnitsCollector } from '@oms/money';
import { onceForKey } from '@oms/persistence';
import { AppError, validateInput } from '@oms/platform';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { checkRefundLines, RefundableItem } from '../domain/refund-lines';
import { PaymentRepository } from '../persistence/payment.repository';
import { toRefundView } from '../payment-view.mapper';
import { LedgerWriter } from './ledger-writer';

/**
 * `POST /api/orders/:id/refunds`: gives money back, never more than was captured and not refunded yet
 * (409), optionally for items, whose shipped units marked `restock` go back on hand through
 * `order.refunded`. A full refund makes the payment status `refunded`.
 */
@Injectable()
export class RefundOrderCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  async execute(idOrNumber: string, input: unknown, meta: RpcMeta): Promise<RefundView> {
    const request = validateInput(CreateRefundDto, input);
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const idempotency = meta.idempotencyKey ? { scope: `payments.refund:${meta.actor.sub}:${id}`, key: meta.idempotencyKey, request: input } : undefined;

    return this.unitOfWork.run((manager) =>
      onceForKey(manager, idempotency, async () => {
        const order = (await this.orders.lock(manager, id))!;
        const errors: FieldError[] = [];
        const amount = minorUnitsCollector(errors)(request.amount, order.currency, 'amount');
        if (errors.length) throw AppError.validation(errors);
        const check = checkRefundLines(request.items ?? [], await this.refundableItems(manager, id));
        if (check.invalid.length) throw AppError.validation(check.invalid);
        if (check.conflicts.length) throw AppError.conflict(`The refund asks for more units than the order has left: ${check.conflicts.join('; ')}.`);
        const refund = await this.ledger.refund(manager, order, {
          amount, currency: order.currency, reason: request.reason, lines: check.lines, provider: request.provider?.toLowerCase(), reference: request.reference,
        }, meta.actor.sub);
        return toRefundView(refund);
      }),
    );
  }

  private async refundableItems(manager: Parameters<OrderRepository['items']>[0], orderId: string): Promise<RefundableItem[]> {
    const [items, refunds] = await Promise.all([this.orders.items(manager, orderId), this.payments.refunds(orderId, manager)]);
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
