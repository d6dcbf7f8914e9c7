import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderRpc, RpcRequest } from '@oms/contracts';
import { RpcController } from '@oms/platform';
import { AddActivityCommand } from '../commands/add-activity.command';
import { CancelOrderCommand } from '../commands/cancel-order.command';
import { PlaceOrderCommand } from '../commands/place-order.command';
import { UpdateOrderCommand } from '../commands/update-order.command';
import { GetOrderQuery } from '../queries/get-order.query';
import { ListOrdersQuery } from '../queries/list-orders.query';

/** RPC entry points: thin, each hands the caller and the request to one use case. */
@RpcController()
export class OrdersRpcController {
  constructor(
    private readonly placeOrder: PlaceOrderCommand,
    private readonly updateOrder: UpdateOrderCommand,
    private readonly addActivity: AddActivityCommand,
    private readonly cancelOrder: CancelOrderCommand,
    private readonly getOrder: GetOrderQuery,
    private readonly listOrders: ListOrdersQuery,
  ) {}

  @MessagePattern(OrderRpc.Place)
  place(@Payload() request: RpcRequest<unknown>) {
    return this.placeOrder.execute(request.data, request.meta);
  }

  @MessagePattern(OrderRpc.Get)
  get(@Payload() request: RpcRequest<{ id: string }>) {
    return this.getOrder.execute(String(request.data.id), request.meta.actor);
  }

  @MessagePattern(OrderRpc.List)
  list(@Payload() request: RpcRequest<{ query: unknown }>) {
    return this.listOrders.list(request.data.query ?? {}, request.meta.actor);
  }

  @MessagePattern(OrderRpc.Stats)
  stats(@Payload() request: RpcRequest<{ query: unknown }>) {
    return this.listOrders.stats(request.data.query ?? {});
  }

  @MessagePattern(OrderRpc.Update)
  update(@Payload() request: RpcRequest<{ id: string; changes: unknown }>) {
    return this.updateOrder.execute(String(request.data.id), request.data.changes, request.meta);
  }

  @MessagePattern(OrderRpc.AddActivity)
  addActivityToOrder(@Payload() request: RpcRequest<{ id: string; activity: unknown }>) {
    return this.addActivity.execute(String(request.data.id), request.data.activity, request.meta);
  }

  @MessagePattern(OrderRpc.Cancel)
  cancel(@Payload() request: RpcRequest<{ id: string; cancel: unknown }>) {
    return this.cancelOrder.execute(String(request.data.id), request.data.cancel, request.meta);
  }

  @MessagePattern(OrderRpc.ListActivities)
  activities(@Payload() request: RpcRequest<{ id: string; query: unknown }>) {
    return this.listOrders.activities(String(request.data.id), request.data.query ?? {});
  }
}
