import { DiscrepancyKind, DiscrepancyView, ReconciliationView } from '@oms/contracts';

/** A settlement report row, amounts in minor units of its currency. */
export interface SettlementRow {
  reference: string;
  orderNumber: string;
  type: 'capture' | 'refund';
  amount: number;
  currency: string;
  fee: number;
  settledAt: string;
}

/** A ledger entry as reconciliation sees it. */
export interface LedgerRecord {
  reference: string;
  type: string;
  amount: number;
  currency: string;
  orderId: string;
  orderNumber: string;
}

export interface ReconciliationResult {
  summary: ReconciliationView['summary'];
  discrepancies: DiscrepancyView[];
}

const keyOf = (type: string, reference: string) => `${type}\u0000${reference}`;

/**
 * Matches a settlement report against the ledger by (type, reference). Reports, in report order: rows
 * the ledger does not know, or knows in another status (a capture the ledger has only as authorized),
 * amounts, currencies and orders that disagree,
 * rows reported twice; then the `expected` ledger entries (captures and refunds of the reconciled
 * window) that the report lacks. `decimal` shows minor units as the API's decimals.
 */
export function reconcile(
  rows: SettlementRow[],
  ledger: LedgerRecord[],
  expected: LedgerRecord[],
  decimal: (minor: number, currency: string) => number,
): ReconciliationResult {
  const byKey = new Map(ledger.map((entry) => [keyOf(entry.type, entry.reference), entry]));
  const byReference = new Map<string, LedgerRecord[]>();
  for (const entry of ledger) byReference.set(entry.reference, [...(byReference.get(entry.reference) ?? []), entry]);

  const discrepancies: DiscrepancyView[] = [];
  const report = (kind: DiscrepancyKind, row: Pick<SettlementRow, 'reference' | 'orderNumber'>, expectedValue: DiscrepancyView['expected'], actual: DiscrepancyView['actual']) =>
    discrepancies.push({ kind, reference: row.reference, orderNumber: row.orderNumber, expected: expectedValue, actual });
  const reported = new Set<string>();
  let matched = 0;

  for (const row of rows) {
    const key = keyOf(row.type, row.reference);
    const entry = byKey.get(key);
    if (reported.has(key)) {
      report('duplicate', row, entry ? decimal(entry.amount, entry.currency) : null, decimal(row.amount, row.currency));
      continue;
    }
    reported.add(key);
    if (!entry) {
      const others = byReference.get(row.reference);
      if (others) report('status_mismatch', row, others.map((o) => o.type).join(', '), row.type);
      else report('missing_in_ledger', row, null, decimal(row.amount, row.currency));
      continue;
    }
    const before = discrepancies.length;
    if (entry.currency !== row.currency) report('currency_mismatch', row, entry.currency, row.currency);
    else if (entry.amount !== row.amount) report('amount_mismatch', row, decimal(entry.amount, entry.currency), decimal(row.amount, row.currency));
    if (row.orderNumber !== entry.orderNumber && row.orderNumber !== entry.orderId) report('order_mismatch', row, entry.orderNumber, row.orderNumber);
    if (discrepancies.length === before) matched++;
  }
  for (const entry of expected) {
    if (!reported.has(keyOf(entry.type, entry.reference))) {
      discrepancies.push({ kind: 'missing_in_report', reference: entry.reference, orderNumber: entry.orderNumber, expected: decimal(entry.amount, entry.currency), actual: null });
    }
  }

  const byKind: Partial<Record<DiscrepancyKind, number>> = {};
  for (const d of discrepancies) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
  const money = new Map<string, { gross: number; fees: number }>();
  for (const row of rows) {
    const sums = money.get(row.currency) ?? { gross: 0, fees: 0 };
    sums.gross += row.type === 'refund' ? -row.amount : row.amount;
    sums.fees += row.fee;
    money.set(row.currency, sums);
  }
  const totals = [...money.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sums]) => ({
    currency, gross: decimal(sums.gross, currency), fees: decimal(sums.fees, currency), net: decimal(sums.gross - sums.fees, currency),
  }));
  return { summary: { rows: rows.length, matched, discrepancies: discrepancies.length, byKind, totals }, discrepancies };
}
