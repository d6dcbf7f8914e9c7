import fc from 'fast-check';
import { LedgerEntryType } from '@oms/contracts';
import { derivePaymentStatus, LedgerEntry, openAuthorization, refundable, refusalOf, totalsOf } from './payment-ledger';

const entry = (type: LedgerEntryType, amount: number): LedgerEntry => ({ type, amount });
const euros = (minor: number) => `${(minor / 100).toFixed(2)} EUR`;
const TOTAL = 10_000;

describe('payment ledger', () => {
  it('adds up authorizations, captures, voids and refunds; a failure moves no money', () => {
    const totals = totalsOf([entry('authorization', 10_000), entry('capture', 4_000), entry('failure', 6_000), entry('void', 1_000), entry('refund', 500)]);
    expect(totals).toEqual({ authorized: 10_000, captured: 4_000, voided: 1_000, refunded: 500, lastType: 'refund' });
    expect(openAuthorization(totals)).toBe(5_000);
    expect(refundable(totals)).toBe(3_500);
  });

  it.each<[string, LedgerEntry[], string]>([
    ['an empty ledger', [], 'pending'],
    ['an authorization', [entry('authorization', TOTAL)], 'authorized'],
    ['a voided authorization', [entry('authorization', TOTAL), entry('void', TOTAL)], 'pending'],
    ['a failure', [entry('failure', TOTAL)], 'failed'],
    ['a failure, then an authorization', [entry('failure', TOTAL), entry('authorization', TOTAL)], 'authorized'],
    ['an authorization, then a failed capture', [entry('authorization', TOTAL), entry('failure', TOTAL)], 'authorized'],
    ['a partial capture', [entry('authorization', TOTAL), entry('capture', 3_000)], 'partially_paid'],
    ['a partial capture, then a failure', [entry('capture', 3_000), entry('failure', 7_000)], 'partially_paid'],
    ['captures covering the total', [entry('capture', 3_000), entry('capture', 7_000)], 'paid'],
    ['a partial refund', [entry('capture', TOTAL), entry('refund', 2_500)], 'partially_refunded'],
    ['a full refund', [entry('capture', TOTAL), entry('refund', 2_500), entry('refund', 7_500)], 'refunded'],
    ['a refund of all of a partial capture', [entry('capture', 4_000), entry('refund', 4_000)], 'refunded'],
  ])('derives the payment status of %s', (_, ledger, status) => {
    expect(derivePaymentStatus(totalsOf(ledger), TOTAL)).toBe(status);
  });

  it.each<[string, LedgerEntry[], LedgerEntry, string | null]>([
    ['authorizing the total', [], entry('authorization', TOTAL), null],
    ['authorizing more than the total', [], entry('authorization', TOTAL + 1), 'Authorizing 100.01 EUR would hold more than the order total 100.00 EUR (0.00 EUR authorized, 0.00 EUR captured).'],
    ['authorizing again after a void', [entry('authorization', TOTAL), entry('void', TOTAL)], entry('authorization', TOTAL), null],
    ['authorizing on top of a capture', [entry('capture', 6_000)], entry('authorization', 4_001), 'Authorizing 40.01 EUR would hold more than the order total 100.00 EUR (0.00 EUR authorized, 60.00 EUR captured).'],
    ['capturing the rest', [entry('capture', 6_000)], entry('capture', 4_000), null],
    ['capturing more than the total', [entry('capture', 6_000)], entry('capture', 4_001), 'Capturing 40.01 EUR would take more than the order total 100.00 EUR (60.00 EUR captured).'],
    ['capturing without an authorization (a sale)', [], entry('capture', TOTAL), null],
    ['voiding what is open', [entry('authorization', TOTAL), entry('capture', 3_000)], entry('void', 7_000), null],
    ['voiding more than is open', [entry('authorization', TOTAL), entry('capture', 3_000)], entry('void', 7_001), 'Only 70.00 EUR is authorized and not captured; 70.01 EUR cannot be voided.'],
    ['voiding with nothing authorized', [], entry('void', 1), 'Only 0.00 EUR is authorized and not captured; 0.01 EUR cannot be voided.'],
    ['refunding what was captured', [entry('capture', 5_000), entry('refund', 1_000)], entry('refund', 4_000), null],
    ['refunding more than was captured', [entry('capture', 5_000), entry('refund', 1_000)], entry('refund', 4_001), 'A refund of 40.01 EUR is more than was captured and not refunded yet (40.00 EUR).'],
    ['recording a failure', [entry('capture', TOTAL)], entry('failure', TOTAL), null],
  ])('%s', (_, ledger, next, refusal) => {
    expect(refusalOf(totalsOf(ledger), TOTAL, next, euros)).toBe(refusal);
  });

  it('never holds, takes or gives back more than it may, whatever arrives in whatever order', () => {
    const attempt = fc.record({ type: fc.constantFrom<LedgerEntryType>('authorization', 'capture', 'void', 'failure', 'refund'), amount: fc.integer({ min: 1, max: 12_000 }) });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 30 }), (attempts) => {
        const ledger: LedgerEntry[] = [];
        for (const next of attempts) {
          if (refusalOf(totalsOf(ledger), TOTAL, next, euros) === null) ledger.push(next);
          const totals = totalsOf(ledger);
          expect(totals.captured).toBeLessThanOrEqual(TOTAL);
          expect(totals.captured + openAuthorization(totals)).toBeLessThanOrEqual(TOTAL);
          expect(totals.voided).toBeLessThanOrEqual(totals.authorized);
          expect(totals.refunded).toBeLessThanOrEqual(totals.captured);
          const status = derivePaymentStatus(totals, TOTAL);
          if (status === 'paid') expect(totals.captured).toBe(TOTAL);
          if (status === 'refunded') expect(totals.refunded).toBe(totals.captured);
        }
      }),
      { numRuns: 300 },
    );
  });
});
