import { MAX_RETRY_AFTER_MS, nextRetryDelay, parseRetryAfter, parseRetrySchedule } from './retry-schedule';

const DEFAULT = '5s,5m,30m,2h,5h,10h,14h,20h,20h';

describe('the retry schedule', () => {
  it('reads delays with units', () => {
    expect(parseRetrySchedule('500ms,5s,5m,2h,1d')).toEqual([500, 5000, 300_000, 7_200_000, 86_400_000]);
    expect(() => parseRetrySchedule('5 minutes')).toThrow('not a retry schedule');
  });

  it('retries first within about 5 s and gives up after about three days', () => {
    const schedule = parseRetrySchedule(DEFAULT);
    const middle = () => 0.5;
    expect(nextRetryDelay(1, schedule, null, middle)).toBe(5000);
    const total = schedule.reduce((sum, _d, i) => sum + nextRetryDelay(i + 1, schedule, null, middle)!, 0);
    expect(total / 86_400_000).toBeGreaterThan(2.8);
    expect(total / 86_400_000).toBeLessThan(3.2);
    expect(nextRetryDelay(schedule.length + 1, schedule, null, middle)).toBeNull();
  });

  it('spreads retries by ±20% so that many failures do not come back at once', () => {
    const schedule = [10_000];
    expect(nextRetryDelay(1, schedule, null, () => 0)).toBe(8000);
    expect(nextRetryDelay(1, schedule, null, () => 0.999999)).toBe(12_000);
  });

  it('waits at least what Retry-After asks, but never past a day', () => {
    expect(nextRetryDelay(1, [5000], 60_000, () => 0.5)).toBe(60_000);
    expect(nextRetryDelay(1, [5000], 1000, () => 0.5)).toBe(5000);
    expect(nextRetryDelay(1, [5000], 10 * MAX_RETRY_AFTER_MS, () => 0.5)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
