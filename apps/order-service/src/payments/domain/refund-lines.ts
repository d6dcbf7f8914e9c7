import { FieldError, RefundedLine, RefundItemDto } from '@oms/contracts';

/** An order item as a refund sees it: how many units were ordered, shipped, refunded and restocked. */
export interface RefundableItem {
  id: string;
  sku: string;
  qty: number;
  shippedQty: number;
  refundedQty: number;
  restockedQty: number;
}

export interface RefundLinesCheck {
  lines: RefundedLine[];
  /** Items that are not on the order, or named twice: the request is wrong (400). */
  invalid: FieldError[];
  /** More units than are left to refund or to restock: the order's state refuses it (409). */
  conflicts: string[];
}

/**
 * Checks a refund's items against the order: each unit is refunded once at most, and only units that
 * shipped (and were not restocked by an earlier refund) can come back to stock.
 */
export function checkRefundLines(requested: RefundItemDto[], items: RefundableItem[]): RefundLinesCheck {
  const byId = new Map(items.map((item) => [item.id, item]));
  const check: RefundLinesCheck = { lines: [], invalid: [], conflicts: [] };
  const seen = new Set<string>();
  requested.forEach((line, i) => {
    const item = byId.get(line.orderItemId);
    const field = `items[${i}].orderItemId`;
    if (!item) return check.invalid.push({ field, message: `${line.orderItemId} is not an item of this order` });
    if (seen.has(item.id)) return check.invalid.push({ field, message: `${line.orderItemId} is named more than once` });
    seen.add(item.id);
    const refundableQty = item.qty - item.refundedQty;
    if (line.qty > refundableQty) {
      check.conflicts.push(`${item.sku}: ${line.qty} requested, ${refundableQty} of ${item.qty} left to refund`);
    }
    const restockableQty = item.shippedQty - item.restockedQty;
    if (line.restock && line.qty > restockableQty) {
      check.conflicts.push(`${item.sku}: ${line.qty} to restock, only ${restockableQty} shipped and not restocked yet`);
    }
    check.lines.push({ orderItemId: item.id, sku: item.sku, qty: line.qty, restock: line.restock });
  });
  return check;
}
