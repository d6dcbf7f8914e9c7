import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { Actor, RpcMeta } from '@oms/contracts';
import { AppError, currentCorrelationId } from '@oms/platform';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What a controller passes on to a service: the caller, the correlation id and the Idempotency-Key. */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RpcMeta => {
  const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
  const idempotencyKey = request.header('idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw AppError.validation([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  return { correlationId: currentCorrelationId(), actor: request.actor, idempotencyKey };
});
