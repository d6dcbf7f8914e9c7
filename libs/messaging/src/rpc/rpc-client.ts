import { ClientProxy, RmqRecordBuilder } from '@nestjs/microservices';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { ProblemCodes, RpcMeta } from '@oms/contracts';
import { AppError, isProblem } from '@oms/platform';

/**
 * Request/reply to one service with a deadline. A timeout is a 504 and an unreachable broker a 503,
 * never a hang; a service's problem comes back as the same AppError. The request expires in the queue
 * at the deadline, so a service that was down does not act on requests nobody waits for any more.
 */
export class RpcClient {
  constructor(
    private readonly client: ClientProxy,
    private readonly service: string,
    private readonly timeoutMs: number,
  ) {}

  async send<TResult>(pattern: string, data: unknown, meta: RpcMeta): Promise<TResult> {
    const record = new RmqRecordBuilder({ meta, data })
      .setOptions({ expiration: String(this.timeoutMs), headers: { 'x-correlation-id': meta.correlationId } })
      .build();
    try {
      return await lastValueFrom(this.client.send<TResult>(pattern, record).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new AppError(504, ProblemCodes.ServiceTimeout, `${this.service} did not answer within ${this.timeoutMs} ms.`);
      }
      if (isProblem(error)) throw AppError.fromProblem(error);
      throw new AppError(503, ProblemCodes.ServiceUnavailable, `${this.service} cannot be reached: ${(error as Error)?.message ?? error}`);
    }
  }
}
