import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const generateWebhookSecret = (): string => SECRET_PREFIX + randomBytes(32).toString('base64');

/**
 * The `webhook-signature` header of the Standard Webhooks specification: `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` keyed with the secret's base64 part, one per secret, space-separated (while a
 * rotated-out secret is still valid, both sign).
 */
export function signWebhook(secrets: readonly string[], id: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => {
    const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
  }).join(' ');
}
