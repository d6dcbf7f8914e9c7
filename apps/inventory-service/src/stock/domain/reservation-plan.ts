import { LIMITS, ShortLine } from '@oms/contracts';

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  allowBackorder: boolean;
  lowStockThreshold: number;
}

export type ReservationPlan =
  | { ok: true; lines: { sku: string; qty: number }[] }
  | { ok: false; shortLines: ShortLine[] };

export const available = (stock: StockLevel) => stock.onHand - stock.reserved;

/**
 * All lines or none: sums the quantities per SKU (an order may list one twice) and checks each against
 * what is available. Unknown SKUs are short with nothing available; backorderable SKUs are short only
 * where the reservation would pass the most a SKU can hold reserved (`LIMITS.stockUnits`).
 */
export function planReservation(lines: { sku: string; qty: number }[], stock: Map<string, StockLevel>): ReservationPlan {
  const wanted = new Map<string, number>();
  for (const line of lines) wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.qty);
  const shortLines: ShortLine[] = [];
  for (const [sku, qty] of wanted) {
    const level = stock.get(sku);
    if (!level) shortLines.push({ sku, requested: qty, available: 0 });
    else if (!level.allowBackorder && available(level) < qty) shortLines.push({ sku, requested: qty, available: available(level) });
    else if (level.reserved + qty > LIMITS.stockUnits) shortLines.push({ sku, requested: qty, available: Math.max(0, LIMITS.stockUnits - level.reserved) });
  }
  if (shortLines.length) return { ok: false, shortLines };
  return { ok: true, lines: [...wanted].map(([sku, qty]) => ({ sku, qty })).sort((a, b) => a.sku.localeCompare(b.sku)) };
}

/** One order's turn at the stock: its plan and, when it reserved, its SKUs' levels before and after. */
export interface ReservationTurn {
  plan: ReservationPlan;
  before: Map<string, StockLevel>;
  after: StockLevel[];
}

/**
 * Plans orders one after the other against the same stock, in the order given: each sees what those
 * before it reserved, as if each had had the stock to itself. `stock` ends holding the levels after all.
 */
export function reserveInTurn(orders: { sku: string; qty: number }[][], stock: Map<string, StockLevel>): ReservationTurn[] {
  return orders.map((lines) => {
    const plan = planReservation(lines, stock);
    const turn: ReservationTurn = { plan, before: new Map(), after: [] };
    if (!plan.ok) return turn;
    for (const { sku, qty } of plan.lines) {
      const level = stock.get(sku)!;
      const after = { ...level, reserved: level.reserved + qty };
      turn.before.set(sku, level);
      turn.after.push(after);
      stock.set(sku, after);
    }
    return turn;
  });
}

/** True when available stock goes from at or above the threshold to below it: one alert per crossing. */
export function crossesLowStock(threshold: number, before: number, after: number): boolean {
  return threshold > 0 && before >= threshold && after < threshold;
}
