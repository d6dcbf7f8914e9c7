import { dedupKey, MessageIdentity } from './dedup-key';

const message: MessageIdentity = { eventId: '6f1c1e0e-0b9a-4c55-9d1e-1f2a3b4c5d6e', channel: 'email', recipient: 'ada@example.com', template: 'order-shipped' };

describe('the dedup key', () => {
  it('is the same for the same event, channel, recipient and template, whatever the address case', () => {
    expect(dedupKey(message)).toBe(dedupKey({ ...message }));
    expect(dedupKey({ ...message, recipient: ' ADA@Example.com ' })).toBe(dedupKey(message));
  });

  it('differs when any of the four differs', () => {
    const keys = new Set([
      dedupKey(message),
      dedupKey({ ...message, eventId: '7f1c1e0e-0b9a-4c55-9d1e-1f2a3b4c5d6e' }),
      dedupKey({ ...message, channel: 'sms' }),
      dedupKey({ ...message, recipient: 'grace@example.com' }),
      dedupKey({ ...message, template: 'order-delivered' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('cannot be forged by moving text between the parts, and has a fixed length', () => {
    expect(dedupKey({ ...message, template: 'a', recipient: 'b\nc' })).not.toBe(dedupKey({ ...message, template: 'a\nb', recipient: 'c' }));
    expect(dedupKey({ ...message, recipient: 'x'.repeat(5000) })).toHaveLength(64);
  });
});
