import { FieldError, Problem, ProblemCodes, problemType } from '@oms/contracts';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * An error a caller can act on, independent of transport: services throw it, the RPC layer carries it as
 * a problem, the gateway answers it as problem+json. Anything else that escapes is a 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'AppError';
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields.') {
    return new AppError(400, ProblemCodes.ValidationFailed, detail, errors);
  }
  static notFound(detail: string) {
    return new AppError(404, ProblemCodes.NotFound, detail);
  }
  static conflict(detail: string, code: string = ProblemCodes.Conflict) {
    return new AppError(409, code, detail);
  }
  static unprocessable(detail: string, code: string = ProblemCodes.Unprocessable, errors?: FieldError[]) {
    return new AppError(422, code, detail, errors);
  }

  toProblem(): Problem {
    return {
      type: problemType(this.code),
      title: titles[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }

  /** Rebuilds an AppError from a problem that crossed a process boundary. */
  static fromProblem(problem: Problem): AppError {
    return new AppError(problem.status, problem.code, problem.detail, problem.errors);
  }
}

export function isProblem(value: unknown): value is Problem {
  const candidate = value as Partial<Problem> | null;
  return !!candidate && typeof candidate.status === 'number' && typeof candidate.code === 'string';
}
