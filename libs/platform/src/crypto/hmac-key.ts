import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * An HS256 secret as a key object, made once per secret: jsonwebtoken would derive one from a string on
 * every sign and verify. Used for bearer tokens and for order status links alike.
 */
export const hmacKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));
