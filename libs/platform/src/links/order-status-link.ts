import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** What a status-page token grants: reading this one order, nothing else. */
const SCOPE = 'order_status';

/**
 * A signed, expiring token naming one order, for the customer's order status page link in every
 * message: whoever holds the link reads that order without signing in, until it expires. The
 * notification service signs, the gateway verifies, with the same `ORDER_LINK_SECRET`.
 */
export function signOrderStatusToken(orderId: string, secret: string | KeyObject, ttlSeconds: number): string {
  return jwt.sign({ scope: SCOPE }, secret, { algorithm: 'HS256', subject: orderId, expiresIn: ttlSeconds });
}

/** The order id a status token names; null when it is forged, expired or of another kind. */
export function verifyOrderStatusToken(token: string, secret: string | KeyObject): string | null {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    return claims.scope === SCOPE && typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}

/** The customer's status page of an order: `<base>/orders/status?token=…`. */
export const orderStatusUrl = (publicBaseUrl: string, token: string) => `${publicBaseUrl.replace(/\/+$/, '')}/orders/status?token=${encodeURIComponent(token)}`;
