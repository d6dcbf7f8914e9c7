import { LoginThrottle, TooManyAttempts } from './login-throttle';

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () => new LoginThrottle(3, 60_000, () => now);

  beforeEach(() => (now = 1_000_000));

  it('lets a key try until it has failed the maximum within the window', () => {
    const t = throttle();
    t.fail('ip:1');
    t.fail('ip:1');
    expect(t.retryAfterSeconds('ip:1')).toBe(0);
    t.fail('ip:1');
    expect(t.retryAfterSeconds('ip:1')).toBe(60);
    expect(t.retryAfterSeconds('ip:2')).toBe(0);
  });

  it('lets it try again once the oldest failure leaves the window', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) {
      t.fail('a');
      now += 10_000;
    }
    expect(t.retryAfterSeconds('a')).toBe(30);
    now += 30_001;
    expect(t.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets a key after a success', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.fail('a');
    t.succeed('a');
    expect(t.retryAfterSeconds('a')).toBe(0);
  });

  it('refuses a request while any of its keys must wait, with the longest wait', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.fail('account:a');
    now += 20_000;
    for (let i = 0; i < 3; i++) t.fail('address:1');
    expect(() => t.assertAllowed(['address:2', 'account:b'], 'sign-ins')).not.toThrow();
    let refused: unknown;
    try {
      t.assertAllowed(['address:1', 'account:a'], 'sign-ins');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TooManyAttempts);
    expect(refused).toMatchObject({ status: 429, retryAfterSeconds: 60, message: 'Too many sign-ins; try again in 60 s.' });
  });
});
