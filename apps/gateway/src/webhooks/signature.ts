import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-oms-signature';

/**
 * Webhook signatures: `X-OMS-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed too, and refused outside the tolerance, so a captured request cannot be replayed.
 */
export function sign(secret: string, rawBody: Buffer | string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(secret: string, rawBody: Buffer, header: string | undefined, toleranceSeconds: number, now = Date.now()): SignatureCheck {
  if (!header) return { ok: false, reason: `the ${SIGNATURE_HEADER} header is missing` };
  const parts = Object.fromEntries(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return { ok: false, reason: 'the signature header is malformed' };
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'the signature timestamp is outside the allowed window' };
  const expected = Buffer.from(sign(secret, rawBody, timestamp).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'the signature does not match' };
}

/** `ups:secret1,dhl:secret2` → ups → secret1, dhl → secret2 (names lower-cased; a Map, so no name finds a prototype member). */
export function parseSecrets(setting: string): Map<string, string> {
  return new Map(
    setting.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
      const at = pair.indexOf(':');
      return [pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim()];
    }),
  );
}
