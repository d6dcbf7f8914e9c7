import { ProblemCodes } from '@oms/contracts';
import { AppError } from '@oms/platform';

/**
 * Failed sign-ins counted per key (the client's address, and the account) in a sliding window: after
 * `maxFailures` within `windowMs` the key is refused until its oldest failure leaves the window. Kept in
 * memory, so each gateway instance counts its own; a success clears the key.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.windowMs - this.now()) / 1000));
  }

  /** Refuses with a 429 (TooManyAttempts) while any of the keys must wait. */
  assertAllowed(keys: string[], what: string): void {
    const wait = Math.max(...keys.map((key) => this.retryAfterSeconds(key)));
    if (wait > 0) throw new TooManyAttempts(wait, what);
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}

/** 429 with the seconds to wait, which the problem filter also sends as `Retry-After`. */
export class TooManyAttempts extends AppError {
  constructor(readonly retryAfterSeconds: number, what: string) {
    super(429, ProblemCodes.TooManyRequests, `Too many ${what}; try again in ${retryAfterSeconds} s.`);
  }
}
