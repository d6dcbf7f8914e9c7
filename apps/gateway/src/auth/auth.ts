import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { Actor, ProblemCodes, Role } from '@oms/contracts';
import { AppError, PUBLIC_ROUTE } from '@oms/platform';
import { TokenVerifier } from './token-verifier';

import { DEFAULT_ROLES, ROLES_KEY } from './roles';

type AuthenticatedRequest = Request & { actor?: Actor };

/** The one who calls: a REST request, or a GraphQL operation (HTTP, or a subscription's WebSocket). */
interface Caller {
  authorization: string | undefined;
  /** Keeps the verified caller where the handler reads it (the request, or the GraphQL context). */
  remember(actor: Actor): void;
}

function callerOf(context: ExecutionContext): Caller {
  if (context.getType<GqlContextType>() === 'graphql') {
    const graphql = GqlExecutionContext.create(context).getContext<{ authorization?: string; actor?: Actor }>();
    return { authorization: graphql.authorization, remember: (actor) => (graphql.actor = actor) };
  }
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return { authorization: request.header('authorization'), remember: (actor) => (request.actor = actor) };
}

/**
 * Verifies the bearer token and the roles of a route or GraphQL operation: 401 (UNAUTHENTICATED) without
 * a valid token, 403 (FORBIDDEN) for a wrong role.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const caller = callerOf(context);
    const actor = await this.tokens.verify(caller.authorization);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? DEFAULT_ROLES;
    if (!allowed.includes(actor.role)) {
      throw new AppError(403, ProblemCodes.Forbidden, `This needs the role ${allowed.join(' or ')}; the token has ${actor.role}.`);
    }
    caller.remember(actor);
    return true;
  }
}
