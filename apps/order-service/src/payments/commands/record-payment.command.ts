import { Injectable } from '@nestjs/common';
import { FieldError, PaymentTransactionView, RecordPaymentDto, RpcMeta } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { minorUnitsCollector } from '@oms/money';
import { onceForKey } from '@oms/persistence';
import { AppError, validateInput } from '@oms/platform';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { toPaymentTransactionView } from '../payment-view.mapper';
import { LedgerWriter } from './ledger-writer';

/**
 * `POST /api/orders/:id/payments`: records an authorization, capture, void or failure on the order's
 * ledger; the payment status (and with it the order status) follows from the ledger.
 */
@Injectable()
export class RecordPaymentCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  async execute(idOrNumber: string, input: unknown, meta: RpcMeta): Promise<PaymentTransactionView> {
    const request = validateInput(RecordPaymentDto, input);
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const idempotency = meta.idempotencyKey ? { scope: `payments.record:${meta.actor.sub}:${id}`, key: meta.idempotencyKey, request: input } : undefined;

    return this.unitOfWork.run((manager) =>
      onceForKey(manager, idempotency, async () => {
        const order = (await this.orders.lock(manager, id))!;
        const currency = request.currency ?? order.currency;
        const errors: FieldError[] = [];
        const amount = minorUnitsCollector(errors)(request.amount, currency, 'amount');
        if (errors.length) throw AppError.validation(errors);
        const entry = await this.ledger.recordPayment(manager, order, {
          type: request.type, amount, currency, provider: request.provider.toLowerCase(), reference: request.reference, note: request.note ?? null,
        }, meta.actor.sub);
        return toPaymentTransactionView(entry);
      }),
    );
  }
}
