import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runInContext } from '@oms/platform';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's correlation id (or makes one), echoes it, and carries it through the request. */
export function correlationMiddleware(request: Request, response: Response, next: NextFunction) {
  const given = request.header(CORRELATION_HEADER);
  const correlationId = given && ACCEPTABLE.test(given) ? given : randomUUID();
  response.setHeader(CORRELATION_HEADER, correlationId);
  runInContext({ correlationId }, next);
}
