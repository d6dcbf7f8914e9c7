import { json, NextFunction, Request, RequestHandler, Response, text } from 'express';
import type { Logger } from 'pino';
import { sendProblem } from './problem.filter';

/**
 * The largest body the gateway reads. It is what the services can handle within their RPC deadline:
 * a settlement report of 10,000 rows is about 1.5 MB as JSON.
 */
const BODY_LIMIT = '2mb';

/** Webhook signatures are computed over the exact bytes received. */
const keepRawBody = (request: Request & { rawBody?: Buffer }, _response: Response, raw: Buffer) => {
  request.rawBody = raw;
};

/** JSON bodies, and settlement reports as text/csv; a body that cannot be read is a 4xx problem. */
export const bodyParsers = (): RequestHandler[] => [
  json({ limit: BODY_LIMIT, verify: keepRawBody }),
  text({ type: 'text/csv', limit: BODY_LIMIT, verify: keepRawBody }),
];

/** Answers what the middleware before Nest's routes rejected (unreadable bodies, input limits) as problem+json. */
export const middlewareErrors = (logger: Logger) => (error: unknown, _request: Request, response: Response, _next: NextFunction) =>
  sendProblem(response, error, logger);
