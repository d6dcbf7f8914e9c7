import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PaymentWebhookEventDto, PaymentWebhookResult } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { OrderAggregate } from '../../orders/domain/order-aggregate';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { PaymentRepository } from '../persistence/payment.repository';
import { amountInMinorUnits, LedgerWriter } from './ledger-writer';

/** Ledger refusals: the event is valid but the order's ledger cannot take it; a retry would not change that. */
const REFUSED = new Set([409, 422]);

/**
 * A payment provider's signed event (the gateway checked the signature), applied once per event id
 * however often it is delivered, through the same ledger rules as the API. An event for an order that
 * does not exist (yet) is a 404, so the provider retries it; one the ledger refuses is recorded as
 * rejected, with an activity on the order for the back office, and not retried.
 */
@Injectable()
export class ReceivePaymentWebhookCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
    private readonly ledger: LedgerWriter,
    private readonly aggregate: OrderAggregate,
  ) {}

  async execute(providerName: string, event: PaymentWebhookEventDto): Promise<PaymentWebhookResult> {
    const provider = providerName.toLowerCase();
    const amount = amountInMinorUnits(event.amount, event.currency);
    const id = await this.orders.findId(event.orderNumber);
    if (!id) throw AppError.notFound(`Order ${event.orderNumber} was not found.`);
    const received = { provider, eventId: event.id, orderRef: event.orderNumber };
    const author = `webhook:${provider}`;
    // a redelivery answers what happened to the first delivery
    const earlier = async (manager: EntityManager): Promise<PaymentWebhookResult> =>
      ({ eventId: event.id, duplicate: true, ...(await this.payments.webhookEvent(manager, provider, event.id)) });

    try {
      return await this.unitOfWork.run(async (manager) => {
        if (!(await this.payments.claimWebhookEvent(manager, { ...received, outcome: 'applied', detail: null }))) return earlier(manager);
        const order = (await this.orders.lock(manager, id))!;
        if (event.type === 'refund') {
          await this.ledger.refund(manager, order, {
            amount, currency: event.currency, reason: event.reason ?? `Refunded at ${provider}`, items: [], provider, reference: event.reference,
          }, author);
        } else {
          await this.ledger.recordPayment(manager, order, {
            type: event.type, amount, currency: event.currency, provider, reference: event.reference, note: event.reason ?? null,
          }, author);
        }
        return { eventId: event.id, duplicate: false, outcome: 'applied' as const, detail: null };
      });
    } catch (error) {
      if (!(error instanceof AppError) || !REFUSED.has(error.status)) throw error;
      return this.unitOfWork.run(async (manager) => {
        if (!(await this.payments.claimWebhookEvent(manager, { ...received, outcome: 'rejected', detail: error.message }))) return earlier(manager);
        await this.orders.save(manager, id, this.aggregate.rejectPaymentEvent({ ...event, amount }, provider, error.message, author));
        return { eventId: event.id, duplicate: false, outcome: 'rejected' as const, detail: error.message };
      });
    }
  }
}
