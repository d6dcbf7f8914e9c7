import { Injectable } from '@nestjs/common';
import { PaymentTransactionView, RecordPaymentDto, RpcMeta } from '@oms/contracts';
import { toPaymentTransactionView } from '../payment-view.mapper';
import { amountInMinorUnits, LedgerWriter } from './ledger-writer';

/**
 * `POST /api/orders/:id/payments`: records an authorization, capture, void or failure on the order's
 * ledger; the payment status (and with it the order status) follows from the ledger.
 */
@Injectable()
export class RecordPaymentCommand {
  constructor(private readonly ledger: LedgerWriter) {}

  async execute(idOrNumber: string, request: RecordPaymentDto, meta: RpcMeta): Promise<PaymentTransactionView> {
    return this.ledger.onLockedOrder(idOrNumber, 'payments.record', request, meta, async (manager, order) => {
      const currency = request.currency ?? order.currency;
      const entry = await this.ledger.recordPayment(manager, order, {
        type: request.type, amount: amountInMinorUnits(request.amount, currency), currency, provider: request.provider.toLowerCase(),
        reference: request.reference, note: request.note ?? null,
      }, meta.actor.sub);
      return toPaymentTransactionView(entry);
    });
  }
}
