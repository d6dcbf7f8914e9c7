import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Actor, RpcMeta } from '@oms/contracts';
import { AppError, currentCorrelationId } from '@oms/platform';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** An idempotency key as given (header or GraphQL argument), or a 400 naming where it came from. */
export function checkedIdempotencyKey(key: string | undefined, field = 'Idempotency-Key'): string | undefined {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw AppError.validation([{ field, message: 'must be 1 to 255 visible ASCII characters' }]);
  return key;
}

/** What a controller passes on to a service: the caller, the correlation id and the Idempotency-Key. */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RpcMeta => {
  const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
  return { correlationId: currentCorrelationId(), actor: request.actor, idempotencyKey: checkedIdempotencyKey(request.header('idempotency-key')) };
});
