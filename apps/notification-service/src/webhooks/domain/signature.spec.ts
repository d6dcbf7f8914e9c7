import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook } from './signature';

describe('webhook signatures', () => {
  it('verify with an independent Standard Webhooks implementation', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'order.placed', timestamp: '2026-12-01T10:00:00.000Z', data: { orderId: 'o-1' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook([secret], 'msg_1', timestamp, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('sign with each secret during a rotation, space-separated, so either verifies', () => {
    const [old, next] = [generateWebhookSecret(), generateWebhookSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook([old, next], 'msg_2', timestamp, '{}');
    expect(signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(() => new Webhook(old).verify('{}', headers)).not.toThrow();
    expect(() => new Webhook(next).verify('{}', headers)).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify('{}', headers)).toThrow();
  });
});
