import { parseSecrets, sign, verifySignature } from './signature';

const body = Buffer.from('{"trackingNumber":"1Z","status":"delivered"}');
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const t = now / 1000;

describe('webhook signatures', () => {
  it('accepts a signature made with the secret over the timestamp and body', () => {
    expect(verifySignature('s3cret', body, sign('s3cret', body, t), 300, now)).toEqual({ ok: true });
  });

  it.each([
    ['a missing header', undefined, /missing/],
    ['another secret', sign('other', body, t), /does not match/],
    ['another body', sign('s3cret', Buffer.from('{}'), t), /does not match/],
    ['an old timestamp', sign('s3cret', body, t - 301), /outside the allowed window/],
    ['garbage', 't=abc,v1=zz', /malformed/],
  ])('refuses %s', (_, header, reason) => {
    const check = verifySignature('s3cret', body, header, 300, now);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('reads per-carrier secrets', () => {
    expect(parseSecrets('UPS:abc, dhl:d:e ,')).toEqual(new Map([['ups', 'abc'], ['dhl', 'd:e']]));
    expect(parseSecrets('ups:abc').get('constructor')).toBeUndefined();
    expect(parseSecrets('')).toEqual(new Map());
  });
});
