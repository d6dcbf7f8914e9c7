import jwt from 'jsonwebtoken';
import { orderStatusUrl, signOrderStatusToken, verifyOrderStatusToken } from './order-status-link';

const SECRET = 'a-long-enough-test-secret';
const ORDER = '5b1f8a52-7d2e-4f67-9a0b-0c1d2e3f4a5b';

describe('order status links', () => {
  it('name the one order they were signed for', () => {
    expect(verifyOrderStatusToken(signOrderStatusToken(ORDER, SECRET, 60), SECRET)).toBe(ORDER);
  });

  it('are refused when forged, expired, or a token of another kind', () => {
    expect(verifyOrderStatusToken(signOrderStatusToken(ORDER, 'another-secret-entirely', 60), SECRET)).toBeNull();
    expect(verifyOrderStatusToken(signOrderStatusToken(ORDER, SECRET, -1), SECRET)).toBeNull();
    expect(verifyOrderStatusToken(jwt.sign({ role: 'admin' }, SECRET, { subject: ORDER, expiresIn: 60 }), SECRET)).toBeNull();
    expect(verifyOrderStatusToken('not-a-token', SECRET)).toBeNull();
  });

  it('point at the status page with the token in the query', () => {
    expect(orderStatusUrl('https://shop.example/', 'a.b.c')).toBe('https://shop.example/orders/status?token=a.b.c');
  });
});
