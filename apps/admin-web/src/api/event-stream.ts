// The live stream's wire format and what a change means to the cached screens (pure, unit-tested).
/** Splits an event stream into its events: blocks separated by a blank line, `event:` and `data:` fields. */
export function parseEvents(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  const events = blocks.map((block) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    return { event, data: data.join('\n') };
  });
  return { events, rest };
}

/** What the gateway says changed (`GET /api/live`, event `change`). */
export interface LiveChange {
  type: string;
  orderId: string | null;
  skus: string[];
}

/** The query keys a change makes stale. */
export function staleQueries(change: LiveChange): string[] {
  const keys: string[] = [];
  if (change.type.startsWith('inventory.') || change.skus.length) keys.push('inventory');
  if (change.type.startsWith('notification.')) keys.push('notifications');
  if (change.orderId || change.type.startsWith('order.') || change.type.startsWith('shipment.')) keys.push('orders', 'stats', 'order', 'shipments', 'dashboard');
  return keys;
}
