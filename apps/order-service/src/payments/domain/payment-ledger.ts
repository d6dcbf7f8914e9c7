import { LedgerEntryType } from '@oms/contracts';

/** One entry of an order's payment ledger, in minor units of the order's currency. */
export interface LedgerEntry {
  type: LedgerEntryType;
  amount: number;
}

export interface LedgerTotals {
  authorized: number;
  voided: number;
  captured: number;
  refunded: number;
  /** The type of the latest entry: a failure counts only while nothing else holds or moved money. */
  lastType: LedgerEntryType | null;
}

/** Adds up a ledger, oldest entry first. */
export function totalsOf(entries: LedgerEntry[]): LedgerTotals {
  const totals: LedgerTotals = { authorized: 0, voided: 0, captured: 0, refunded: 0, lastType: null };
  const field = { authorization: 'authorized', void: 'voided', capture: 'captured', refund: 'refunded' } as const;
  for (const entry of entries) {
    if (entry.type !== 'failure') totals[field[entry.type]] += entry.amount;
    totals.lastType = entry.type;
  }
  return totals;
}

/** Held by authorizations and neither captured nor voided yet. */
export const openAuthorization = (t: LedgerTotals) => Math.max(0, t.authorized - t.captured - t.voided);
/** Captured and not refunded yet: the most a refund may be. */
export const refundable = (t: LedgerTotals) => t.captured - t.refunded;

/**
 * Why the ledger cannot take this entry, or null when it can: nothing holds or takes more than the order's
 * total, a void releases only what is still authorized, a refund gives back only what was captured.
 * Amounts are minor units; `format` shows them to the caller.
 */
export function refusalOf(totals: LedgerTotals, grandTotal: number, entry: LedgerEntry, format: (minor: number) => string): string | null {
  const open = openAuthorization(totals);
  switch (entry.type) {
    case 'authorization':
      return totals.captured + open + entry.amount > grandTotal
        ? `Authorizing ${format(entry.amount)} would hold more than the order total ${format(grandTotal)} (${format(open)} authorized, ${format(totals.captured)} captured).`
        : null;
    case 'capture':
      return totals.captured + entry.amount > grandTotal
        ? `Capturing ${format(entry.amount)} would take more than the order total ${format(grandTotal)} (${format(totals.captured)} captured).`
        : null;
    case 'void':
      return entry.amount > open ? `Only ${format(open)} is authorized and not captured; ${format(entry.amount)} cannot be voided.` : null;
    case 'refund':
      return entry.amount > refundable(totals)
        ? `A refund of ${format(entry.amount)} is more than was captured and not refunded yet (${format(refundable(totals))}).`
        : null;
    case 'failure':
      return null;
  }
}

/**
 * The payment status a ledger adds up to. Refunds first (anything refunded is partially or fully
 * refunded), then captures (paid when they cover the total), then an open authorization, then a failure
 * as the latest word; an empty or fully voided ledger is pending.
 */
export function derivePaymentStatus(totals: LedgerTotals, grandTotal: number): string {
  if (totals.refunded > 0) return totals.refunded >= totals.captured ? 'refunded' : 'partially_refunded';
  if (totals.captured > 0) return totals.captured >= grandTotal ? 'paid' : 'partially_paid';
  if (openAuthorization(totals) > 0) return 'authorized';
  if (totals.lastType === 'failure') return 'failed';
  return 'pending';
}

