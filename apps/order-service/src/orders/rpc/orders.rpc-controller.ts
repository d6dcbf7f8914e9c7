import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderRpc, RpcRequest } from '@oms/contracts';
import { RpcController } from '@oms/platform';
import { PlaceOrderCommand } from '../commands/place-order.command';
import { GetOrderQuery } from '../queries/get-order.query';

/** RPC entry points: thin, each hands the caller and the request to one use case. */
@RpcController()
export class OrdersRpcController {
  constructor(
    private readonly placeOrder: PlaceOrderCommand,
    private readonly getOrder: GetOrderQuery,
  ) {}

  @MessagePattern(OrderRpc.Place)
  place(@Payload() request: RpcRequest<unknown>) {
    return this.placeOrder.execute(request.data, request.meta);
  }

  @MessagePattern(OrderRpc.Get)
  get(@Payload() request: RpcRequest<{ id: string }>) {
    return this.getOrder.execute(String(request.data.id), request.meta.actor);
  }
}
