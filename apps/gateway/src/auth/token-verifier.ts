import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { Actor, ProblemCodes, ROLES } from '@oms/contracts';
import { AppError, hmacKey } from '@oms/platform';
import { GatewayConfig } from '../config/gateway.config';

const unauthorized = (detail: string) => new AppError(401, ProblemCodes.Unauthorized, detail);

/**
 * Checks a bearer token: HS256 signed with `JWT_SECRET` (ours: `npm run token`, staff sign-in), or, when
 * `JWT_JWKS_URL` is set, RS256 signed by an identity provider's key from that JWKS (cached, refetched for
 * an unknown key id), with `JWT_ISSUER`/`JWT_AUDIENCE` checked when set. Either way the claims are ours:
 * `sub`, `role` and an `exp` no further ahead than `JWT_MAX_LIFETIME_SECONDS`.
 */
export class TokenVerifier {
  private readonly secret: KeyObject;
  private readonly jwks: JwksClient | null;

  constructor(private readonly config: GatewayConfig) {
    this.secret = hmacKey(config.JWT_SECRET);
    this.jwks = config.JWT_JWKS_URL ? new JwksClient({ jwksUri: config.JWT_JWKS_URL, cache: true, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 }) : null;
  }

  /** The caller of an `Authorization` header, or a 401 saying what is wrong with it. */
  async verify(header: string | undefined): Promise<Actor> {
    return (await this.verifyUntil(header)).actor;
  }

  /** The caller and when its token expires (epoch ms): a WebSocket connection lasts no longer than its token. */
  async verifyUntil(header: string | undefined): Promise<{ actor: Actor; expiresAt: number }> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthorized('An Authorization: Bearer <token> header is required.');
    const claims = await this.verifySignature(token);
    return { actor: this.checkClaims(claims), expiresAt: (claims.exp as number) * 1000 };
  }

  private async verifySignature(token: string): Promise<jwt.JwtPayload> {
    const header = jwt.decode(token, { complete: true })?.header;
    try {
      if (header?.alg === 'RS256' && this.jwks) {
        const key = await this.jwks.getSigningKey(header.kid).catch((error: Error) => {
          throw new Error(`its signing key ${header.kid ?? '(no kid)'} is not in the identity provider's JWKS (${error.message})`);
        });
        return jwt.verify(token, key.getPublicKey(), {
          algorithms: ['RS256'],
          ...(this.config.JWT_ISSUER ? { issuer: this.config.JWT_ISSUER } : {}),
          ...(this.config.JWT_AUDIENCE ? { audience: this.config.JWT_AUDIENCE } : {}),
        }) as jwt.JwtPayload;
      }
      return jwt.verify(token, this.secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    } catch (error) {
      throw unauthorized(`The bearer token is not valid: ${(error as Error).message}.`);
    }
  }

  private checkClaims(claims: jwt.JwtPayload): Actor {
    // a token that never expires, or lives longer than allowed, cannot be revoked by waiting
    if (typeof claims.exp !== 'number') throw unauthorized('The token has no expiry (exp).');
    const maxLifetime = this.config.JWT_MAX_LIFETIME_SECONDS;
    if (claims.exp - Date.now() / 1000 > maxLifetime) {
      throw unauthorized(`The token expires more than ${maxLifetime} s from now; tokens may live at most that long.`);
    }
    if (typeof claims.sub !== 'string' || !claims.sub) throw unauthorized('The token has no subject (sub).');
    if (!ROLES.includes(claims.role)) throw unauthorized(`The token's role must be one of ${ROLES.join(', ')}.`);
    return { sub: claims.sub, role: claims.role };
  }
}
