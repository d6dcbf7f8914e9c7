import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { FieldError, PaymentTransactionType, RefundedLine, RefundItemDto, RpcMeta } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { formatMoney, minorUnitsCollector } from '@oms/money';
import { onceForKey } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { Order } from '../../orders/domain/order';
import { OrderAggregate } from '../../orders/domain/order-aggregate';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { derivePaymentStatus, LedgerEntry, refusalOf, totalsOf } from '../domain/payment-ledger';
import { PaymentTransaction, Refund } from '../domain/payment';
import { checkRefundLines, RefundableItem } from '../domain/refund-lines';
import { PaymentRepository } from '../persistence/payment.repository';

export interface NewPayment {
  type: PaymentTransactionType;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  provider: string;
  reference: string;
  note: string | null;
}

export interface NewRefund {
  amount: number;
  currency: string;
  reason: string;
  /** The order items refunded (none for a refund of money only). */
  items: RefundItemDto[];
  provider?: string;
  reference?: string;
}

/** An API amount as minor units of `currency`, or a 400 naming the `amount` field. */
export function amountInMinorUnits(amount: number, currency: string): number {
  const errors: FieldError[] = [];
  const minor = minorUnitsCollector(errors)(amount, currency, 'amount');
  if (errors.length) throw AppError.validation(errors);
  return minor;
}

/**
 * Writes an order's payment ledger, inside the caller's transaction and after the caller locked the
 * order row (so entries of one order are checked and added one at a time). Each entry is checked
 * against the ledger, recorded once per (provider, type, reference), and moves the payment status to
 * what the ledger adds up to, with an activity and `order.status_changed`; a refund also emits
 * `order.refunded`, which restocks the lines marked `restock`.
 */
@Injectable()
export class LedgerWriter {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
    private readonly aggregate: OrderAggregate,
  ) {}

  /**
   * Runs `work` in one transaction on the order (by uuid or number) with its row locked, once per
   * Idempotency-Key of the caller for this `operation` on this order.
   */
  async onLockedOrder<T>(idOrNumber: string, operation: string, input: unknown, meta: RpcMeta, work: (manager: EntityManager, order: Order) => Promise<T>): Promise<T> {
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const idempotency = meta.idempotencyKey ? { scope: `${operation}:${meta.actor.sub}:${id}`, key: meta.idempotencyKey, request: input } : undefined;
    return this.unitOfWork.run((manager) => onceForKey(manager, idempotency, async () => work(manager, (await this.orders.lock(manager, id))!)));
  }

  /** The new entry, or the one recorded before under the same provider, type and reference. */
  async recordPayment(manager: EntityManager, order: Order, payment: NewPayment, author: string): Promise<PaymentTransaction> {
    const repeat = await this.repeatOf(manager, order, payment);
    if (repeat) return repeat;
    const ledger = (await this.payments.ledger(order.id, manager)).entries;
    this.refuseUnlessAllowed(order, ledger, payment);
    const entry = await this.payments.insertTransaction(manager, { id: randomUUID(), orderId: order.id, author, ...payment });
    await this.orders.save(manager, order.id, this.aggregate.recordPayment(order, payment, this.derivedStatus(order, [...ledger, entry]), author));
    return entry;
  }

  /** The new refund, or the one recorded before under the same provider and reference. */
  async refund(manager: EntityManager, order: Order, refund: NewRefund, author: string): Promise<Refund> {
    const { entries: ledger, refunds } = await this.payments.ledger(order.id, manager);
    const lines = await this.refundLines(manager, order.id, refund.items, refunds);
    const provider = refund.provider ?? [...ledger].reverse().find((e) => e.type === 'capture')?.provider ?? 'manual';
    const id = randomUUID();
    const reference = refund.reference ?? id;
    const repeat = await this.repeatOf(manager, order, { type: 'refund', amount: refund.amount, currency: refund.currency, provider, reference });
    if (repeat) return refunds.find((r) => r.transaction.id === repeat.id)!;
    this.refuseUnlessAllowed(order, ledger, { type: 'refund', amount: refund.amount, currency: refund.currency });
    const entry = await this.payments.insertTransaction(manager, {
      id: randomUUID(), orderId: order.id, type: 'refund', amount: refund.amount, currency: refund.currency, provider, reference, note: refund.reason, author,
    });
    await this.payments.insertRefund(manager, { id, orderId: order.id, transactionId: entry.id, reason: refund.reason, items: lines });
    const fact = { refundId: id, amount: refund.amount, currency: refund.currency, reason: refund.reason, lines };
    await this.orders.save(manager, order.id, this.aggregate.refund(order, fact, this.derivedStatus(order, [...ledger, entry]), author));
    return { id, transaction: entry, reason: refund.reason, items: lines };
  }

  /**
   * The refund's items as lines of `order.refunded`, checked against the order: each unit is refunded once
   * at most, and only units that shipped and were not restocked yet come back to stock.
   */
  private async refundLines(manager: EntityManager, orderId: string, requested: RefundItemDto[], refunds: Refund[]): Promise<RefundedLine[]> {
    if (!requested.length) return [];
    const refunded = new Map<string, { qty: number; restocked: number }>();
    for (const line of refunds.flatMap((r) => r.items)) {
      const sums = refunded.get(line.orderItemId) ?? { qty: 0, restocked: 0 };
      sums.qty += line.qty;
      if (line.restock) sums.restocked += line.qty;
      refunded.set(line.orderItemId, sums);
    }
    const items: RefundableItem[] = (await this.orders.items(manager, orderId)).map((item) => ({
      id: item.id, sku: item.sku, qty: item.qty, shippedQty: item.shippedQty,
      refundedQty: refunded.get(item.id)?.qty ?? 0, restockedQty: refunded.get(item.id)?.restocked ?? 0,
    }));
    const check = checkRefundLines(requested, items);
    if (check.invalid.length) throw AppError.validation(check.invalid);
    if (check.conflicts.length) throw AppError.conflict(`The refund asks for more units than the order has left: ${check.conflicts.join('; ')}.`);
    return check.lines;
  }

  /**
   * The entry recorded before under this provider, type and reference (a retry, or a webhook for what was
   * recorded through the API), when it says the same; a 409 when it says something else.
   */
  private async repeatOf(manager: EntityManager, order: Order, entry: Pick<PaymentTransaction, 'type' | 'provider' | 'reference' | 'amount' | 'currency'>) {
    const earlier = await this.payments.findByReference(manager, entry.provider, entry.type, entry.reference);
    if (!earlier) return null;
    if (earlier.orderId !== order.id || earlier.amount !== entry.amount || earlier.currency !== entry.currency) {
      throw AppError.conflict(
        `A ${entry.type} ${entry.reference} of ${entry.provider} was already recorded` +
          (earlier.orderId !== order.id ? ' for another order.' : ` with ${formatMoney(earlier.amount, earlier.currency)}.`),
      );
    }
    return earlier;
  }

  private refuseUnlessAllowed(order: Order, ledger: LedgerEntry[], entry: LedgerEntry & { currency: string }) {
    if (entry.amount <= 0 && entry.type !== 'failure') {
      throw AppError.validation([{ field: 'amount', message: `the amount of a ${entry.type} must be greater than 0` }]);
    }
    if (entry.currency !== order.currency) {
      throw AppError.unprocessable(`The order is in ${order.currency}; a ${entry.type} in ${entry.currency} cannot be recorded on it.`);
    }
    const takesMoney = entry.type === 'authorization' || entry.type === 'capture';
    if (takesMoney && order.paymentStatus === 'canceled') {
      throw AppError.conflict(`Order ${order.orderNumber} is canceled; it takes no ${entry.type}. Void or refund instead.`);
    }
    if (takesMoney && order.cancelPending) {
      throw AppError.conflict(`Order ${order.orderNumber} is being canceled; it takes no ${entry.type} until that settles.`);
    }
    const refusal = refusalOf(totalsOf(ledger), order.grandTotal, entry, (minor) => formatMoney(minor, order.currency));
    if (refusal) throw AppError.conflict(refusal);
  }

  /** What the ledger adds up to, as a payment status (the aggregate keeps a canceled order canceled). */
  private derivedStatus(order: Order, ledger: LedgerEntry[]): string {
    return derivePaymentStatus(totalsOf(ledger), order.grandTotal);
  }
}
