import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LiveChange, parseEvents, staleQueries } from './event-stream';
import { currentSession } from './session';

/** Changes are applied together at most this often: a busy shop's events do not refetch a list per event. */
const REFRESH_EVERY_MS = 1000;

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
    const stale = new Set<string>();
    let flush: ReturnType<typeof setTimeout> | undefined;
    const markStale = (change: LiveChange) => {
      staleQueries(change).forEach((key) => stale.add(key));
      flush ??= setTimeout(() => {
        flush = undefined;
        for (const key of stale) void client.invalidateQueries({ queryKey: [key] });
        stale.clear();
      }, REFRESH_EVERY_MS);
    };
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
            for (const { event, data } of events) if (event === 'change') markStale(JSON.parse(data) as LiveChange);
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
    return () => {
      abort.abort();
      clearTimeout(flush);
    };
  }, [client]);
  return state;
}
