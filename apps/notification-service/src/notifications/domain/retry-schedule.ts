/** A delay such as `5s`, `30m`, `2h`, `1d` in milliseconds. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const RETRY_SCHEDULE_PATTERN = /^\d+(ms|s|m|h|d)(,\d+(ms|s|m|h|d))*$/;

/** `5s,5m,30m` → the delays before the second, third, fourth attempt. */
export function parseRetrySchedule(schedule: string): number[] {
  if (!RETRY_SCHEDULE_PATTERN.test(schedule)) throw new Error(`not a retry schedule: ${schedule}`);
  return schedule.split(',').map((step) => {
    const [, amount, unit] = step.match(/^(\d+)(ms|s|m|h|d)$/)!;
    return Number(amount) * UNIT_MS[unit];
  });
}

/** Jitter spreads retries of many messages that failed together (an outage) by ±20%. */
const JITTER = 0.2;

/** A `Retry-After` longer than this is not honoured beyond it: the schedule stays bounded. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * When to try again after `attemptsMade` failed attempts: the schedule's next delay with jitter, or at
 * least what the receiver asked for with `Retry-After`; null when the schedule is used up.
 */
export function nextRetryDelay(attemptsMade: number, schedule: readonly number[], retryAfterMs: number | null = null, random: () => number = Math.random): number | null {
  const base = schedule[attemptsMade - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/**
 * A `Retry-After` header (RFC 9110: delay seconds or an HTTP date) in milliseconds from `now`; null
 * when absent or unreadable.
 */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
