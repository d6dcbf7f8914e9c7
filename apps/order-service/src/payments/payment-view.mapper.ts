import { PaymentSummaryView, PaymentTransactionView, ReconciliationView, RefundView } from '@oms/contracts';
import { fromMinorUnits } from '@oms/money';
import { openAuthorization, refundable, totalsOf } from './domain/payment-ledger';
import { PaymentTransaction, Refund } from './domain/payment';
import { StoredReconciliation } from './persistence/payment.repository';

/** The one mapping from stored ledger entries to what the API shows: minor units become decimals. */
export const toPaymentTransactionView = (entry: PaymentTransaction): PaymentTransactionView => ({
  transactionId: entry.id,
  type: entry.type,
  amount: fromMinorUnits(entry.amount, entry.currency),
  currency: entry.currency,
  provider: entry.provider,
  reference: entry.reference,
  note: entry.note,
  author: entry.author,
  createdAt: new Date(entry.createdAt).toISOString(),
});

export const toRefundView = (refund: Refund): RefundView => ({
  refundId: refund.id,
  amount: fromMinorUnits(refund.transaction.amount, refund.transaction.currency),
  currency: refund.transaction.currency,
  reason: refund.reason,
  provider: refund.transaction.provider,
  reference: refund.transaction.reference,
  items: refund.items,
  author: refund.transaction.author,
  createdAt: new Date(refund.transaction.createdAt).toISOString(),
});

/** What the order's ledger adds up to. */
export function toPaymentSummaryView(ledger: PaymentTransaction[], currency: string): PaymentSummaryView {
  const totals = totalsOf(ledger);
  const money = (minor: number) => fromMinorUnits(minor, currency);
  return {
    authorized: money(openAuthorization(totals)),
    captured: money(totals.captured),
    refunded: money(totals.refunded),
    refundable: money(refundable(totals)),
  };
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export const toReconciliationView = (run: StoredReconciliation): ReconciliationView => ({
  id: run.id,
  provider: run.provider,
  from: iso(run.from),
  to: iso(run.to),
  summary: run.summary as ReconciliationView['summary'],
  discrepancies: run.discrepancies as ReconciliationView['discrepancies'],
  author: run.author,
  createdAt: iso(run.createdAt)!,
});
