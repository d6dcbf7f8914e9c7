import { LIMITS } from '@oms/contracts';
import { crossesLowStock, planReservation, reserveInTurn, StockLevel } from './reservation-plan';

const level = (sku: string, onHand: number, reserved = 0, allowBackorder = false): StockLevel => ({
  sku, onHand, reserved, allowBackorder, lowStockThreshold: 0,
});
const stock = (...levels: StockLevel[]) => new Map(levels.map((l) => [l.sku, l]));

describe('planReservation', () => {
  it('reserves every line when all are available, SKUs in a fixed order', () => {
    expect(planReservation([{ sku: 'B', qty: 1 }, { sku: 'A', qty: 2 }], stock(level('A', 2), level('B', 5, 4)))).toEqual({
      ok: true,
      lines: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }],
    });
  });

  it('never reserves past what a SKU can hold reserved, even on backorder', () => {
    const full = level('A', 0, LIMITS.stockUnits - 5, true);
    expect(planReservation([{ sku: 'A', qty: 5 }], stock(full))).toEqual({ ok: true, lines: [{ sku: 'A', qty: 5 }] });
    expect(planReservation([{ sku: 'A', qty: 6 }], stock(full))).toEqual({ ok: false, shortLines: [{ sku: 'A', requested: 6, available: 5 }] });
  });

  it('sums a SKU listed twice before checking it', () => {
    const plan = planReservation([{ sku: 'A', qty: 2 }, { sku: 'A', qty: 2 }], stock(level('A', 3)));
    expect(plan).toEqual({ ok: false, shortLines: [{ sku: 'A', requested: 4, available: 3 }] });
  });

  it('reserves nothing and names every short or unknown SKU', () => {
    const plan = planReservation([{ sku: 'A', qty: 1 }, { sku: 'B', qty: 3 }, { sku: 'C', qty: 1 }], stock(level('A', 1), level('B', 5, 3)));
    expect(plan).toEqual({
      ok: false,
      shortLines: [{ sku: 'B', requested: 3, available: 2 }, { sku: 'C', requested: 1, available: 0 }],
    });
  });

  it('lets a backorderable SKU go below zero', () => {
    expect(planReservation([{ sku: 'P', qty: 5 }], stock(level('P', 0, 0, true)))).toEqual({ ok: true, lines: [{ sku: 'P', qty: 5 }] });
  });
});

describe('reserveInTurn', () => {
  it('plans each order against what those before it left, and says what each changed', () => {
    const levels = stock(level('A', 3), level('B', 1));
    const turns = reserveInTurn([[{ sku: 'A', qty: 2 }], [{ sku: 'A', qty: 2 }], [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 1 }]], levels);
    expect(turns.map((t) => t.plan.ok)).toEqual([true, false, true]);
    expect(turns[1]).toEqual({ plan: { ok: false, shortLines: [{ sku: 'A', requested: 2, available: 1 }] }, before: new Map(), after: [] });
    expect(turns[2].before).toEqual(stock(level('A', 3, 2), level('B', 1)));
    expect(turns[2].after).toEqual([level('A', 3, 3), level('B', 1, 1)]);
    expect(levels).toEqual(stock(level('A', 3, 3), level('B', 1, 1)));
  });
});

describe('crossesLowStock', () => {
  it('fires once, on the crossing', () => {
    expect(crossesLowStock(5, 6, 4)).toBe(true);
    expect(crossesLowStock(5, 5, 4)).toBe(true);
    expect(crossesLowStock(5, 4, 3)).toBe(false);
    expect(crossesLowStock(5, 9, 5)).toBe(false);
    expect(crossesLowStock(0, 1, -1)).toBe(false);
  });
});
