export interface OrderedLine {
  orderItemId: string;
  sku: string;
  /** Absent on replicas made before item names travelled with order.placed. */
  name?: string;
  qty: number;
}

export type ShipmentPlan = { ok: true; lines: OrderedLine[] } | { ok: false; reason: string };

/**
 * What a new shipment carries: the requested items (quantities summed per item), or everything not
 * shipped yet when none are given. Refused: unknown items, more than what is left, nothing left.
 */
export function planShipment(ordered: OrderedLine[], shipped: Map<string, number>, requested?: { orderItemId: string; qty: number }[]): ShipmentPlan {
  const left = new Map(ordered.map((line) => [line.orderItemId, line.qty - (shipped.get(line.orderItemId) ?? 0)]));
  const byId = new Map(ordered.map((line) => [line.orderItemId, line]));
  if (!requested) {
    const lines = ordered.filter((line) => left.get(line.orderItemId)! > 0).map((line) => ({ ...line, qty: left.get(line.orderItemId)! }));
    return lines.length ? { ok: true, lines } : { ok: false, reason: 'every item of the order has shipped already' };
  }
  const wanted = new Map<string, number>();
  for (const item of requested) wanted.set(item.orderItemId, (wanted.get(item.orderItemId) ?? 0) + item.qty);
  const lines: OrderedLine[] = [];
  for (const [orderItemId, qty] of wanted) {
    const line = byId.get(orderItemId);
    if (!line) return { ok: false, reason: `item ${orderItemId} is not part of the order` };
    if (qty > left.get(orderItemId)!) return { ok: false, reason: `item ${orderItemId} (${line.sku}): ${qty} requested, ${left.get(orderItemId)} left to ship` };
    lines.push({ ...line, qty });
  }
  return { ok: true, lines };
}

/** The carrier's tracking page for a number, from the configured templates; null for unknown carriers. */
export function trackingUrl(templates: Record<string, string>, carrier: string, trackingNumber: string | null | undefined): string | null {
  const key = carrier.trim().toLowerCase();
  const template = Object.hasOwn(templates, key) ? templates[key] : undefined;
  if (!template || !trackingNumber) return null;
  return template.replace('{trackingNumber}', encodeURIComponent(trackingNumber));
}
