import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Actor, ProblemCodes, Role, ROLES } from '@oms/contracts';
import { AppError, PUBLIC_ROUTE } from '@oms/platform';
import { GatewayConfig } from '../config/gateway.config';

const ROLES_KEY = 'oms:roles';
/** The OpenAPI extension naming the roles of an operation (see `documentRoles`). */
export const ROLES_EXTENSION = 'x-roles';
/** Who may call a route that names no roles. */
export const DEFAULT_ROLES: Role[] = ['admin'];

/** Roles allowed on a route (and shown in the OpenAPI document); routes without it are admin-only. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, roles));

type AuthenticatedRequest = Request & { actor?: Actor };

/** Verifies the HS256 bearer token and the route's roles: 401 without a valid token, 403 for a wrong role. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  /** Built once: jsonwebtoken would derive a key object from a string secret on every request. */
  private readonly key: KeyObject;

  private readonly maxLifetimeSeconds: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
    this.maxLifetimeSeconds = config.JWT_MAX_LIFETIME_SECONDS;
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = this.verify(request.header('authorization'));
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? DEFAULT_ROLES;
    if (!allowed.includes(actor.role)) {
      throw new AppError(403, ProblemCodes.Forbidden, `This needs the role ${allowed.join(' or ')}; the token has ${actor.role}.`);
    }
    request.actor = actor;
    return true;
  }

  private verify(header: string | undefined): Actor {
    const unauthorized = (detail: string) => new AppError(401, ProblemCodes.Unauthorized, detail);
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthorized('An Authorization: Bearer <token> header is required.');
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    } catch (error) {
      throw unauthorized(`The bearer token is not valid: ${(error as Error).message}.`);
    }
    // a token that never expires, or lives longer than allowed, cannot be revoked by waiting
    if (typeof claims.exp !== 'number') throw unauthorized('The token has no expiry (exp).');
    if (claims.exp - Date.now() / 1000 > this.maxLifetimeSeconds) {
      throw unauthorized(`The token expires more than ${this.maxLifetimeSeconds} s from now; tokens may live at most that long.`);
    }
    if (typeof claims.sub !== 'string' || !claims.sub) throw unauthorized('The token has no subject (sub).');
    if (!ROLES.includes(claims.role)) throw unauthorized(`The token's role must be one of ${ROLES.join(', ')}.`);
    return { sub: claims.sub, role: claims.role };
  }
}
