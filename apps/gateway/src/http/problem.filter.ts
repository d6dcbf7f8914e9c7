import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { Problem, ProblemCodes, problemType } from '@oms/contracts';
import { AppError } from '@oms/platform';

const codeByStatus: Record<number, string> = {
  400: ProblemCodes.ValidationFailed,
  401: ProblemCodes.Unauthorized,
  403: ProblemCodes.Forbidden,
  404: ProblemCodes.NotFound,
  409: ProblemCodes.Conflict,
  422: ProblemCodes.Unprocessable,
};

/** Every error leaves the gateway as application/problem+json (RFC 9457); only real faults are 500s. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception, status: problem.status }, problem.detail);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof AppError) return exception.toProblem();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as { message?: string | string[] } | string;
      const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : body.message;
      return new AppError(status, codeByStatus[status] ?? `http_${status}`, message ?? exception.message).toProblem();
    }
    return {
      type: problemType(ProblemCodes.Internal),
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something failed on our side; the logs hold the details under this request’s correlation id.',
      code: ProblemCodes.Internal,
    };
  }
}
