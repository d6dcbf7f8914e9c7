import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { Problem, ProblemCodes, problemType } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { TooManyAttempts } from '../auth/login-throttle';

const codeByStatus: Record<number, string> = {
  400: ProblemCodes.ValidationFailed,
  401: ProblemCodes.Unauthorized,
  403: ProblemCodes.Forbidden,
  404: ProblemCodes.NotFound,
  409: ProblemCodes.Conflict,
  413: ProblemCodes.PayloadTooLarge,
  415: ProblemCodes.UnsupportedMediaType,
  422: ProblemCodes.Unprocessable,
};

const INTERNAL: Problem = {
  type: problemType(ProblemCodes.Internal),
  title: 'Internal Server Error',
  status: 500,
  detail: 'Something failed on our side; the logs hold the details under this request’s correlation id.',
  code: ProblemCodes.Internal,
};

/** An error raised by the HTTP layer itself (body parsers, http-errors): it carries a 4xx it means to expose. */
interface HttpLayerError {
  status: number;
  expose: boolean;
  message: string;
  type?: string;
}
const isHttpLayerError = (error: unknown): error is HttpLayerError =>
  error instanceof Error && typeof (error as Partial<HttpLayerError>).status === 'number' && (error as Partial<HttpLayerError>).expose === true;

/** What any error means to the caller: AppErrors and HTTP errors keep their status; anything else is a 500. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof AppError) return exception.toProblem();
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse() as { message?: string | string[] } | string;
    const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return new AppError(status, codeByStatus[status] ?? `http_${status}`, message ?? exception.message).toProblem();
  }
  if (isHttpLayerError(exception) && exception.status >= 400 && exception.status < 500) {
    const detail = `The request body cannot be read: ${exception.message.replace(/\.$/, '')}.`;
    return new AppError(exception.status, codeByStatus[exception.status] ?? `http_${exception.status}`, detail).toProblem();
  }
  return INTERNAL;
}

/** Writes a problem as application/problem+json, logging the ones that are our fault. */
export function sendProblem(response: Response, exception: unknown, logger: Logger) {
  const problem = toProblem(exception);
  if (problem.status >= 500) logger.error({ err: exception, status: problem.status }, problem.detail);
  if (exception instanceof TooManyAttempts) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * Every error leaves the gateway as application/problem+json (RFC 9457); only real faults are 500s.
 * A GraphQL resolver's error is handed back to GraphQL, which reports it (see formatGraphqlError).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    sendProblem(host.switchToHttp().getResponse<Response>(), exception, this.logger);
  }
}
