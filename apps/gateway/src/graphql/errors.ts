import { HttpException } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppError } from '@oms/platform';
import { toProblem } from '../http/problem.filter';

/** `extensions.code` per HTTP status of the problem behind an error: the codes Apollo clients know, then ours. */
const CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'BAD_USER_INPUT',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
  504: 'SERVICE_TIMEOUT',
};

/** Errors GraphQL itself raises before any resolver runs: their message and code are meant for the caller. */
const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'QUERY_TOO_COMPLEX',
]);

/**
 * Every GraphQL error as the caller should see it, never with a stack trace: a problem our code raised
 * (the same AppErrors as REST) keeps its detail under `extensions.problem`, with the field errors of a
 * validation; GraphQL's own request errors keep their code; anything else is an INTERNAL_SERVER_ERROR
 * whose detail is in the log under the request's correlation id.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const { message, locations, path } = formatted;
  const original = unwrapResolverError(error);
  if (original instanceof AppError || original instanceof HttpException) {
    const problem = toProblem(original);
    if (problem.status >= 500) logger.error({ err: original, path }, problem.detail);
    return { message: problem.detail, locations, path, extensions: { code: CODES[problem.status] ?? 'INTERNAL_SERVER_ERROR', problem } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERRORS.has(code)) {
    const { stacktrace, http, ...extensions } = formatted.extensions ?? {}; // eslint-disable-line @typescript-eslint/no-unused-vars
    return { message, locations, path, extensions };
  }
  logger.error({ err: original, path }, 'a GraphQL resolver failed');
  return { message: toProblem(original).detail, locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
