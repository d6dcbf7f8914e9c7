import { MessagePattern } from '@nestjs/microservices';
import { AddActivityDto, CancelOrderDto, GetOrdersDto, ListActivitiesQueryDto, ListOrdersQueryDto, OrderRpc, OrderStatsQueryDto, OrderStatusLookupDto, PlaceOrderDto, RpcMeta, UpdateOrderDto } from '@oms/contracts';
import { RpcArg, RpcCaller, RpcController, RpcInput } from '@oms/platform';
import { AddActivityCommand } from '../commands/add-activity.command';
import { CancelOrderCommand } from '../commands/cancel-order.command';
import { PlaceOrderCommand } from '../commands/place-order.command';
import { UpdateOrderCommand } from '../commands/update-order.command';
import { GetOrderQuery } from '../queries/get-order.query';
import { ListOrdersQuery } from '../queries/list-orders.query';
import { OrderStatusPageQuery } from '../queries/order-status-page.query';
import { OrderStatuses } from '../domain/order-statuses';

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
    private readonly statusPage: OrderStatusPageQuery,
    private readonly statuses: OrderStatuses,
  ) {}

  @MessagePattern(OrderRpc.Place)
  place(@RpcInput(PlaceOrderDto) body: PlaceOrderDto, @RpcCaller() meta: RpcMeta) {
    return this.placeOrder.execute(body, meta);
  }

  @MessagePattern(OrderRpc.Get)
  get(@RpcArg('id') id: string, @RpcCaller() meta: RpcMeta) {
    return this.getOrder.execute(id, meta.actor);
  }

  @MessagePattern(OrderRpc.GetMany)
  getMany(@RpcInput(GetOrdersDto) request: GetOrdersDto, @RpcCaller() meta: RpcMeta) {
    return this.getOrder.many(request.ids, meta.actor);
  }

  @MessagePattern(OrderRpc.List)
  list(@RpcInput(ListOrdersQueryDto, 'query') query: ListOrdersQueryDto, @RpcCaller() meta: RpcMeta) {
    return this.listOrders.list(query, meta.actor);
  }

  @MessagePattern(OrderRpc.Stats)
  stats(@RpcInput(OrderStatsQueryDto, 'query') query: OrderStatsQueryDto) {
    return this.listOrders.stats(query);
  }

  @MessagePattern(OrderRpc.Statuses)
  statusCatalogue() {
    return this.statuses.catalogue();
  }

  @MessagePattern(OrderRpc.Update)
  update(@RpcArg('id') id: string, @RpcInput(UpdateOrderDto, 'changes') changes: UpdateOrderDto, @RpcCaller() meta: RpcMeta) {
    return this.updateOrder.execute(id, changes, meta);
  }

  @MessagePattern(OrderRpc.AddActivity)
  addActivityToOrder(@RpcArg('id') id: string, @RpcInput(AddActivityDto, 'activity') activity: AddActivityDto, @RpcCaller() meta: RpcMeta) {
    return this.addActivity.execute(id, activity, meta);
  }

  @MessagePattern(OrderRpc.Cancel)
  cancel(@RpcArg('id') id: string, @RpcInput(CancelOrderDto, 'cancel') cancel: CancelOrderDto, @RpcCaller() meta: RpcMeta) {
    return this.cancelOrder.execute(id, cancel, meta);
  }

  @MessagePattern(OrderRpc.ListActivities)
  activities(@RpcArg('id') id: string, @RpcInput(ListActivitiesQueryDto, 'query') query: ListActivitiesQueryDto) {
    return this.listOrders.activities(id, query);
  }

  /** The customer's order page by the order id of a signed link (the gateway verified it). */
  @MessagePattern(OrderRpc.StatusPage)
  statusPageOf(@RpcArg('id') id: string) {
    return this.statusPage.execute({ id });
  }

  @MessagePattern(OrderRpc.StatusLookup)
  lookUpStatusPage(@RpcInput(OrderStatusLookupDto, 'lookup') lookup: OrderStatusLookupDto) {
    return this.statusPage.execute(lookup);
  }
}
