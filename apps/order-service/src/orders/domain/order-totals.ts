import { FieldError, LIMITS, PlaceOrderDto, ProblemCodes } from '@oms/contracts';
import { minorUnitsCollector } from '@oms/money';
import { AppError } from '@oms/platform';

export interface PricedLine {
  sku: string;
  name: string;
  qty: number;
  /** Minor units: unit price, line discount and tax (for the whole line), unit price after discount, line total. */
  price: number;
  discountAmount: number;
  taxAmount: number;
  finalPrice: number;
  lineTotal: number;
  weight: number | null;
  variantOptions: Record<string, string> | null;
}

export interface OrderTotals {
  lines: PricedLine[];
  subTotal: number;
  discountAmount: number;
  taxAmount: number;
  shippingFee: number;
  grandTotal: number;
  totalQty: number;
  totalWeight: number | null;
}

/**
 * Prices an order from its lines in integer minor units. Amounts with more decimals than the currency
 * allows are 400s naming the field; stated totals that disagree with the computed ones are a 422.
 */
export function priceOrder(order: PlaceOrderDto): OrderTotals {
  const fieldErrors: FieldError[] = [];
  const toMinor = minorUnitsCollector(fieldErrors);
  const minor = (amount: number | undefined, field: string) => toMinor(amount, order.currency, field);

  const lines = order.items.map((item, i): PricedLine => {
    const price = minor(item.price, `items[${i}].price`);
    const discountAmount = minor(item.discountAmount, `items[${i}].discountAmount`);
    const taxAmount = minor(item.taxAmount, `items[${i}].taxAmount`);
    const gross = price * item.qty;
    if (discountAmount > gross) {
      fieldErrors.push({ field: `items[${i}].discountAmount`, message: 'must not exceed price × qty' });
    }
    return {
      sku: item.sku,
      name: item.name,
      qty: item.qty,
      price,
      discountAmount,
      taxAmount,
      finalPrice: Math.round((gross - discountAmount) / item.qty),
      lineTotal: gross - discountAmount + taxAmount,
      weight: item.weight ?? null,
      variantOptions: item.variantOptions ?? null,
    };
  });
  const orderDiscount = minor(order.discountAmount, 'discountAmount');
  const shippingFee = minor(order.shippingFee, 'shippingFee');
  const stated = {
    subTotal: order.subTotal === undefined ? undefined : minor(order.subTotal, 'subTotal'),
    taxAmount: order.taxAmount === undefined ? undefined : minor(order.taxAmount, 'taxAmount'),
    grandTotal: order.grandTotal === undefined ? undefined : minor(order.grandTotal, 'grandTotal'),
  };
  if (fieldErrors.length) throw AppError.validation(fieldErrors);

  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const subTotal = sum(lines.map((l) => l.price * l.qty));
  const lineDiscounts = sum(lines.map((l) => l.discountAmount));
  const taxAmount = sum(lines.map((l) => l.taxAmount));
  const discountAmount = lineDiscounts + orderDiscount;
  if (discountAmount > subTotal) {
    throw AppError.unprocessable('The discounts exceed the order subtotal.', ProblemCodes.Unprocessable, [
      { field: 'discountAmount', message: 'discounts must not exceed the subtotal' },
    ]);
  }
  const grandTotal = subTotal - discountAmount + taxAmount + shippingFee;
  const weights = lines.filter((l) => l.weight !== null);
  const totals: OrderTotals = {
    lines,
    subTotal,
    discountAmount,
    taxAmount,
    shippingFee,
    grandTotal,
    totalQty: sum(lines.map((l) => l.qty)),
    // weights are decimals in the shop's unit: summed in ten-thousandths to avoid float drift
    totalWeight: weights.length ? sum(weights.map((l) => Math.round(l.weight! * 10_000) * l.qty)) / 10_000 : null,
  };
  if (!Number.isSafeInteger(grandTotal)) throw AppError.unprocessable('The order total is too large.');
  if ((totals.totalWeight ?? 0) > LIMITS.totalWeight) {
    throw AppError.validation([{ field: 'items', message: `the order's total weight must be at most ${LIMITS.totalWeight}` }]);
  }

  const mismatches = (Object.keys(stated) as (keyof typeof stated)[])
    .filter((field) => stated[field] !== undefined && stated[field] !== totals[field])
    .map((field) => ({ field, message: `does not match the total computed from the lines` }));
  if (mismatches.length) {
    throw AppError.unprocessable('The stated totals do not match the order lines.', ProblemCodes.TotalsMismatch, mismatches);
  }
  return totals;
}
