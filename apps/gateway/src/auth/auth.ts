import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, ProblemCodes, Role } from '@oms/contracts';
import { AppError, PUBLIC_ROUTE } from '@oms/platform';
import { TokenVerifier } from './token-verifier';

const ROLES_KEY = 'oms:roles';
/** The OpenAPI extension naming the roles of an operation (see `documentRoles`). */
export const ROLES_EXTENSION = 'x-roles';
/** Who may call a route that names no roles. */
export const DEFAULT_ROLES: Role[] = ['admin'];

/** Roles allowed on a route (and shown in the OpenAPI document); routes without it are admin-only. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, roles));

type AuthenticatedRequest = Request & { actor?: Actor };

/** Verifies the bearer token and the route's roles: 401 without a valid token, 403 for a wrong role. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.tokens.verify(request.header('authorization'));
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? DEFAULT_ROLES;
    if (!allowed.includes(actor.role)) {
      throw new AppError(403, ProblemCodes.Forbidden, `This needs the role ${allowed.join(' or ')}; the token has ${actor.role}.`);
    }
    request.actor = actor;
    return true;
  }
}
