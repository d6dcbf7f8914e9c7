import { Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ListDeadLettersQueryDto, OpsRpc } from '@oms/contracts';
import { RpcArg, RpcController, RpcInput, ServiceConfig } from '@oms/platform';
import { DeadLetters } from './dead-letters';

/** The dead letters of this service, for `GET /api/ops/dead-letters` and the `dlq` CLI. */
@RpcController()
export class DeadLettersRpcController {
  constructor(private readonly deadLetters: DeadLetters, @Inject(ServiceConfig) private readonly config: ServiceConfig) {}

  @MessagePattern(OpsRpc.ListDeadLetters)
  list(@RpcInput(ListDeadLettersQueryDto, 'query') query: ListDeadLettersQueryDto) {
    return this.deadLetters.list(this.config.SERVICE_NAME, query);
  }

  @MessagePattern(OpsRpc.ReplayDeadLetter)
  replay(@RpcArg('id') id: string) {
    return this.deadLetters.replay(this.config.SERVICE_NAME, id);
  }

  @MessagePattern(OpsRpc.DiscardDeadLetter)
  discard(@RpcArg('id') id: string) {
    return this.deadLetters.discard(this.config.SERVICE_NAME, id);
  }
}
