/**
 * A shipment's statuses and the moves between them. It never moves backwards: an update older than the
 * last one applied is kept in the tracking history but changes nothing.
 */
export const SHIPMENT_STATUSES = ['pending', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'canceled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

const NEXT: Record<ShipmentStatus, ShipmentStatus[]> = {
  pending: ['shipped', 'canceled'],
  // canceled from shipped: voided before the carrier picked it up; its units go back to the order
  shipped: ['in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'canceled'],
  in_transit: ['out_for_delivery', 'delivered', 'exception', 'returned'],
  out_for_delivery: ['delivered', 'exception', 'returned'],
  exception: ['in_transit', 'out_for_delivery', 'delivered', 'returned'],
  delivered: ['returned'],
  returned: [],
  canceled: [],
};

export type TrackingDecision =
  | { apply: true }
  | { apply: false; reason: 'same' | 'stale' | 'backwards'; detail: string };

/** Whether an update to `to`, which happened at `occurredAt`, moves a shipment now at `from` (as of `lastAt`). */
export function decideTrackingUpdate(from: ShipmentStatus, lastAt: Date | null, to: ShipmentStatus, occurredAt: Date): TrackingDecision {
  if (lastAt && occurredAt < lastAt) {
    return { apply: false, reason: 'stale', detail: `it happened at ${occurredAt.toISOString()}, before the last update applied (${lastAt.toISOString()})` };
  }
  if (from === to) return { apply: false, reason: 'same', detail: `the shipment is ${to} already` };
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from];
    return { apply: false, reason: 'backwards', detail: `a shipment cannot go from ${from} to ${to}${allowed.length ? `; allowed: ${allowed.join(', ')}` : `: ${from} is final`}` };
  }
  return { apply: true };
}
