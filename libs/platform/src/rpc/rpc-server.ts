import {
  applyDecorators, ArgumentsHost, CallHandler, Catch, Controller, ExecutionContext, Inject, Injectable, NestInterceptor,
  RpcExceptionFilter, UseFilters, UseInterceptors,
} from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import type { Logger } from 'pino';
import { Problem, ProblemCodes, problemType, RpcRequest } from '@oms/contracts';
import { AppError } from '../errors/app-error';
import { runInContext } from '../context/request-context';
import { LOGGER } from '../bootstrap/platform.module';

/** Runs every RPC handler inside the caller's correlation context, so its logs and events carry it. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToRpc().getData<RpcRequest<unknown>>();
    const correlationId = request?.meta?.correlationId;
    if (!correlationId) return next.handle();
    const deadline = typeof request.meta.deadline === 'number' ? request.meta.deadline : undefined;
    return new Observable((subscriber) =>
      runInContext({ correlationId, deadline }, () => next.handle().subscribe(subscriber)),
    );
  }
}

/**
 * Turns what a handler throws into a problem the gateway can answer as is: an AppError keeps its status
 * and code; anything else is logged here with its stack and reported as a 500 without internals.
 */
@Catch()
@Injectable()
export class RpcProblemFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (exception instanceof AppError) return throwError(() => exception.toProblem());
    const pattern = host.switchToRpc().getContext()?.getPattern?.();
    this.logger.error({ err: exception, pattern }, 'RPC handler failed');
    const problem: Problem = {
      type: problemType(ProblemCodes.Internal),
      title: 'Internal Server Error',
      status: 500,
      detail: 'The service failed to handle the request; see its logs for this correlation id.',
      code: ProblemCodes.Internal,
    };
    return throwError(() => problem);
  }
}

/** A controller of RPC handlers: runs them in the caller's context and reports errors as problems. */
export const RpcController = () =>
  applyDecorators(Controller(), UseInterceptors(RpcContextInterceptor), UseFilters(RpcProblemFilter));
