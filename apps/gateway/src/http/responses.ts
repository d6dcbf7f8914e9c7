import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** A response body: one of the views (`view-schemas.json`, generated from libs/contracts). */
export const view = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A keyset page of a view: `{ items, nextCursor }` (and `total` when asked). */
export const page = (name: string) => ({
  type: 'object', required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: view(name) }, nextCursor: { type: 'string', nullable: true }, total: { type: 'integer' } },
});
/** `{ items }`: every entry of a view, unpaged. */
export const items = (name: string) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: view(name) } } });

const PROBLEMS: Record<number, string> = {
  400: 'Invalid input: every field error is listed in `errors`, nothing was written',
  401: 'No valid bearer token (or webhook signature)',
  403: 'The token’s role may not do this',
  404: 'Not found (a customer sees only its own orders)',
  409: 'The rules refuse it in the order’s current state',
  413: 'The body is larger than 2 MB',
  415: 'The body is not UTF-8 JSON (or text/csv where accepted)',
  422: 'Well-formed but unacceptable: totals that disagree, another currency, an Idempotency-Key reused with another body',
  429: 'Too many attempts: wait the seconds in `Retry-After`',
  503: 'A service or the broker cannot be reached; retry later',
  504: 'A service did not answer within the deadline; nothing was changed, retry (with the same Idempotency-Key)',
};

/** What every call can answer besides its own outcome. */
const EVERY_CALL = [400, 401, 403, 503, 504];

/**
 * The operation's success response and its problem responses (application/problem+json, RFC 9457), in
 * the OpenAPI document; `problems` adds the ones particular to it (404, 409, 422, …).
 */
export const Returns = (status: number, schema: object, description: string, problems: number[] = [], mediaType = 'application/json') =>
  applyDecorators(
    ApiResponse({ status, description, content: { [mediaType]: { schema } } }),
    ...[...new Set([...EVERY_CALL, ...problems])].sort().map((code) =>
      ApiResponse({ status: code, description: PROBLEMS[code], content: { 'application/problem+json': { schema: view('Problem') } } })),
  );
