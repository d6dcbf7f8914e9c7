import { createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '@oms/platform';

/**
 * The request body, passed on as it came to the service that owns its DTO. That service validates it on
 * entry against the same class (RpcInput) and answers the same 400 naming every field, so the gateway
 * does not validate it a second time: a custom parameter, which the global ValidationPipe leaves alone.
 * The gateway still refuses what is not JSON, too large or too deep (body parsers, input guard).
 */
export const ForwardedBody = createParamDecorator((_: unknown, context: ExecutionContext): unknown => context.switchToHttp().getRequest<Request>().body);

/**
 * Validates a path parameter (or a GraphQL argument naming the same thing) against a pattern: a 400
 * naming it, before any service is called. An optional one may be absent.
 */
export class PathParam implements PipeTransform<string | undefined, string | undefined> {
  constructor(
    private readonly name: string,
    private readonly pattern: RegExp,
    private readonly optional = false,
  ) {}

  transform(value: string | undefined): string | undefined {
    if (value === undefined && this.optional) return value;
    if (value === undefined || !this.pattern.test(value)) throw AppError.validation([{ field: this.name, message: `${this.name} must match ${this.pattern}` }]);
    return value;
  }
}

export const ORDER_REF = /^[A-Za-z0-9-_]{1,64}$/;
/** `:id` of an order: its uuid or its number. */
export const orderRef = new PathParam('id', ORDER_REF);
export const orderNumberRef = new PathParam('orderNumber', ORDER_REF);
