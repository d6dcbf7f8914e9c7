import { useEffect, useState } from 'react';
import { QueryClient, useQueryClient } from '@tanstack/react-query';
import { parseEvents } from './event-stream';
import { currentSession } from './session';

interface LiveChange {
  type: string;
  orderId: string | null;
  skus: string[];
}

/** Which cached queries a change makes stale. */
function invalidate(client: QueryClient, change: LiveChange) {
  if (change.type.startsWith('inventory.') || change.skus.length) void client.invalidateQueries({ queryKey: ['inventory'] });
  if (change.type.startsWith('notification.')) void client.invalidateQueries({ queryKey: ['notifications'] });
  if (change.orderId || change.type.startsWith('order.') || change.type.startsWith('shipment.')) {
    for (const key of ['orders', 'stats', 'order', 'shipments', 'dashboard']) void client.invalidateQueries({ queryKey: [key] });
  }
}

/**
 * Follows the gateway's server-sent events (`/api/live`) while signed in and refetches what a change makes
 * stale: no polling. Read with fetch, because EventSource cannot send the bearer token; reconnects with
 * backoff and refetches everything after a gap, since changes during it were missed.
 */
export function useLiveUpdates(): 'connecting' | 'live' | 'offline' {
  const client = useQueryClient();
  const [state, setState] = useState<'connecting' | 'live' | 'offline'>('connecting');
  useEffect(() => {
    const abort = new AbortController();
    let attempt = 0;
    const follow = async () => {
      while (!abort.signal.aborted) {
        const token = currentSession()?.token;
        if (!token) return;
        try {
          const response = await fetch('/api/live', { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: abort.signal });
          if (!response.ok || !response.body) throw new Error(`live updates answered ${response.status}`);
          setState('live');
          if (attempt > 0) void client.invalidateQueries();
          attempt = 0;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const { events, rest } = parseEvents(buffer + value);
            buffer = rest;
            for (const { event, data } of events) if (event === 'change') invalidate(client, JSON.parse(data) as LiveChange);
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        setState('offline');
        attempt++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))));
      }
    };
    void follow();
    return () => abort.abort();
  }, [client]);
  return state;
}
