import { fromMinorUnits } from '@oms/money';
import { LedgerRecord, reconcile, SettlementRow } from './reconciliation';

const ledgerEntry = (reference: string, type: string, amount: number, orderNumber = 'ORD-1', currency = 'EUR'): LedgerRecord =>
  ({ reference, type, amount, currency, orderId: `id-${orderNumber}`, orderNumber });
const row = (reference: string, type: 'capture' | 'refund', amount: number, extra: Partial<SettlementRow> = {}): SettlementRow =>
  ({ reference, orderNumber: 'ORD-1', type, amount, currency: 'EUR', fee: 0, settledAt: '2026-11-20T00:00:00Z', ...extra });

describe('reconciliation', () => {
  it('matches rows that agree with the ledger, and sums gross, fees and net per currency', () => {
    const ledger = [ledgerEntry('ch_1', 'capture', 10_000), ledgerEntry('re_1', 'refund', 2_500), ledgerEntry('ch_2', 'capture', 500, 'ORD-2', 'JPY')];
    const result = reconcile(
      [row('ch_1', 'capture', 10_000, { fee: 320 }), row('re_1', 'refund', 2_500), row('ch_2', 'capture', 500, { currency: 'JPY', orderNumber: 'ORD-2', fee: 15 })],
      ledger, ledger, fromMinorUnits);
    expect(result).toEqual({
      summary: {
        rows: 3, matched: 3, discrepancies: 0, byKind: {},
        totals: [{ currency: 'EUR', gross: 75, fees: 3.2, net: 71.8 }, { currency: 'JPY', gross: 500, fees: 15, net: 485 }],
      },
      discrepancies: [],
    });
  });

  it('reports every kind of disagreement', () => {
    const ledger = [
      ledgerEntry('ch_amount', 'capture', 10_000),
      ledgerEntry('ch_currency', 'capture', 10_000),
      ledgerEntry('ch_order', 'capture', 10_000, 'ORD-9'),
      ledgerEntry('pi_auth', 'authorization', 5_000),
      ledgerEntry('ch_dup', 'capture', 1_000),
    ];
    const expected = [...ledger.filter((e) => e.type === 'capture'), ledgerEntry('ch_unsettled', 'capture', 700)];
    const result = reconcile([
      row('ch_amount', 'capture', 9_999),
      row('ch_currency', 'capture', 10_000, { currency: 'USD' }),
      row('ch_order', 'capture', 10_000),
      row('pi_auth', 'capture', 5_000),
      row('ch_unknown', 'capture', 1_234),
      row('ch_dup', 'capture', 1_000),
      row('ch_dup', 'capture', 1_000),
    ], ledger, expected, fromMinorUnits);
    expect(result.discrepancies).toEqual([
      { kind: 'amount_mismatch', reference: 'ch_amount', orderNumber: 'ORD-1', expected: 100, actual: 99.99 },
      { kind: 'currency_mismatch', reference: 'ch_currency', orderNumber: 'ORD-1', expected: 'EUR', actual: 'USD' },
      { kind: 'order_mismatch', reference: 'ch_order', orderNumber: 'ORD-1', expected: 'ORD-9', actual: 'ORD-1' },
      { kind: 'status_mismatch', reference: 'pi_auth', orderNumber: 'ORD-1', expected: 'authorization', actual: 'capture' },
      { kind: 'missing_in_ledger', reference: 'ch_unknown', orderNumber: 'ORD-1', expected: null, actual: 12.34 },
      { kind: 'duplicate', reference: 'ch_dup', orderNumber: 'ORD-1', expected: 10, actual: 10 },
      { kind: 'missing_in_report', reference: 'ch_unsettled', orderNumber: 'ORD-1', expected: 7, actual: null },
    ]);
    expect(result.summary).toMatchObject({
      rows: 7, matched: 1, discrepancies: 7,
      byKind: { amount_mismatch: 1, currency_mismatch: 1, order_mismatch: 1, status_mismatch: 1, missing_in_ledger: 1, duplicate: 1, missing_in_report: 1 },
    });
  });

  it('accepts the order uuid in place of its number', () => {
    const result = reconcile([row('ch_1', 'capture', 100, { orderNumber: 'id-ORD-1' })], [ledgerEntry('ch_1', 'capture', 100)], [], fromMinorUnits);
    expect(result.summary.matched).toBe(1);
  });
});
