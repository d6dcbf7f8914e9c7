import { LIMITS, PlaceOrderDto } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { priceOrder } from './order-totals';

const order = (overrides: Partial<PlaceOrderDto> = {}): PlaceOrderDto =>
  ({
    currency: 'EUR',
    items: [
      { sku: 'A', name: 'A', qty: 2, price: 10.5, taxAmount: 4.2, discountAmount: 1 },
      { sku: 'B', name: 'B', qty: 1, price: 0.1, weight: 0.3 },
    ],
    shippingFee: 4.95,
    ...overrides,
  }) as PlaceOrderDto;

function errorOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('priceOrder', () => {
  it('computes every total in minor units', () => {
    const totals = priceOrder(order());
    expect(totals.subTotal).toBe(2110);
    expect(totals.discountAmount).toBe(100);
    expect(totals.taxAmount).toBe(420);
    expect(totals.shippingFee).toBe(495);
    expect(totals.grandTotal).toBe(2110 - 100 + 420 + 495);
    expect(totals.totalQty).toBe(3);
    expect(totals.totalWeight).toBe(0.3);
    expect(totals.lines[0]).toMatchObject({ price: 1050, finalPrice: 1000, lineTotal: 2100 - 100 + 420 });
  });

  it('refuses an order heavier than its total weight column holds, naming the items', () => {
    const heavy = Array.from({ length: 200 }, (_, i) => ({ sku: `S${i}`, name: 'Anvil', qty: LIMITS.lineQty, price: 1, weight: LIMITS.unitWeight }));
    const error = (() => { try { priceOrder(order({ items: heavy })); } catch (e) { return e as AppError; } })();
    expect(error?.status).toBe(400);
    expect(error?.errors).toEqual([{ field: 'items', message: `the order's total weight must be at most ${LIMITS.totalWeight}` }]);
  });

  it('adds an order-level discount to the lines’ discounts', () => {
    expect(priceOrder(order({ discountAmount: 2 })).discountAmount).toBe(300);
  });

  it('accepts stated totals that match, to the cent', () => {
    expect(() => priceOrder(order({ subTotal: 21.1, taxAmount: 4.2, grandTotal: 29.25 }))).not.toThrow();
  });

  it('refuses stated totals that disagree with a 422 naming each field', () => {
    const error = errorOf(() => priceOrder(order({ subTotal: 21.1, grandTotal: 29.26 })));
    expect(error.status).toBe(422);
    expect(error.code).toBe('totals_mismatch');
    expect(error.errors).toEqual([{ field: 'grandTotal', message: expect.any(String) }]);
  });

  it('refuses amounts finer than the currency with a 400 naming every field', () => {
    const error = errorOf(() =>
      priceOrder(order({ items: [{ sku: 'A', name: 'A', qty: 1, price: 10.001 }], shippingFee: 0.001 })),
    );
    expect(error.status).toBe(400);
    expect(error.errors?.map((e) => e.field)).toEqual(['items[0].price', 'shippingFee']);
  });

  it('refuses fractional yen', () => {
    const error = errorOf(() => priceOrder(order({ currency: 'JPY', items: [{ sku: 'A', name: 'A', qty: 1, price: 5.5 }], shippingFee: 0 })));
    expect(error.status).toBe(400);
    expect(priceOrder(order({ currency: 'JPY', items: [{ sku: 'A', name: 'A', qty: 3, price: 500 }], shippingFee: 0 })).grandTotal).toBe(1500);
  });

  it('refuses discounts larger than what they discount', () => {
    expect(errorOf(() => priceOrder(order({ items: [{ sku: 'A', name: 'A', qty: 1, price: 1, discountAmount: 2 }] }))).status).toBe(400);
    expect(errorOf(() => priceOrder(order({ discountAmount: 100 }))).status).toBe(422);
  });
});
