import { Inject } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Query, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { OrderRpc, OrderStatsView, OrderStatusCatalogueView, OrderView, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { Roles } from '../../auth/roles';
import { GatewayConfig } from '../../config/gateway.config';
import { orderNumberRef, orderRef } from '../../http/params';
import { GraphqlContext, loadersOf, metaOf } from '../context';
import { DateRangeInput, OrderSortField, SortDirection } from './order.inputs';
import { listOrders, OrderListArgs, pageCost, PageArgs } from './order-list';
import { Order, OrderStats, PaginatedOrders, StatusCatalogue } from './order.types';

/** The order queries: the same RPC calls, roles and ownership rules as the REST routes beside them. */
@Resolver(() => Order)
export class OrdersResolver {
  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  @Query(() => PaginatedOrders, { complexity: pageCost, description: 'Orders, filtered and sorted, in numbered or cursor pages (as GET /api/orders).' })
  orders(@Args() args: OrderListArgs, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    return listOrders(context, args, this.config.GRAPHQL_MAX_PAGE_SIZE, info);
  }

  @Query(() => Order, { nullable: true, description: 'An order by uuid or order number; a customer gets only its own (another’s is NOT_FOUND).' })
  @Roles('admin', 'checkout', 'customer')
  order(@Args('id', { type: () => ID }, orderRef) id: string, @Context() context: GraphqlContext) {
    return this.fetch(id, context);
  }

  @Query(() => Order, { nullable: true, description: 'An order by its order number; a customer gets only its own.' })
  @Roles('admin', 'checkout', 'customer')
  orderByNumber(@Args('orderNumber', orderNumberRef) orderNumber: string, @Context() context: GraphqlContext) {
    return this.fetch(orderNumber, context);
  }

  @Query(() => PaginatedOrders, { complexity: pageCost, description: 'The calling customer’s own orders, newest first.' })
  @Roles('customer')
  myOrders(@Args() args: PageArgs, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    return listOrders(context, args, this.config.GRAPHQL_MAX_PAGE_SIZE, info);
  }

  @Query(() => PaginatedOrders, { complexity: pageCost, description: 'Orders whose status is shipped (the filter narrows them further).' })
  shippedOrders(@Args() args: OrderListArgs, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    return listOrders(context, { ...args, filter: { ...args.filter, status: 'shipped' } }, this.config.GRAPHQL_MAX_PAGE_SIZE, info);
  }

  @Query(() => [Order], { complexity: pageCost, description: 'The oldest orders waiting for payment (status pending), up to `limit`.' })
  pendingOrders(@Args('limit', { type: () => Int, nullable: true }) limit: number | undefined, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    return this.oldestWithStatus('pending', limit, context, info);
  }

  @Query(() => [Order], { complexity: pageCost, description: 'The oldest orders being prepared (status processing), up to `limit`.' })
  processingOrders(@Args('limit', { type: () => Int, nullable: true }) limit: number | undefined, @Context() context: GraphqlContext, @Info() info: GraphQLResolveInfo) {
    return this.oldestWithStatus('processing', limit, context, info);
  }

  @Query(() => OrderStats, { description: 'Orders per status and revenue per currency (delivered = status completed).' })
  async orderStats(@Args('dateRange', { type: () => DateRangeInput, nullable: true }) range: DateRangeInput | undefined, @Context() context: GraphqlContext): Promise<OrderStats> {
    const query = { ...(range?.start ? { createdFrom: range.start } : {}), ...(range?.end ? { createdTo: range.end } : {}) };
    const stats = await context.clients.orders.send<OrderStatsView>(OrderRpc.Stats, { query }, metaOf(context));
    const count = (status: string) => stats.counts[status] ?? 0;
    return {
      ...stats,
      totalOrders: Object.values(stats.counts).reduce((sum, n) => sum + n, 0),
      pendingOrders: count('pending'), processingOrders: count('processing'), shippedOrders: count('shipped'),
      deliveredOrders: count('completed'), cancelledOrders: count('canceled'),
    };
  }

  @Query(() => StatusCatalogue, { description: 'Every configured order, payment and shipment status.' })
  orderStatuses(@Context() context: GraphqlContext) {
    return context.clients.orders.send<OrderStatusCatalogueView>(OrderRpc.Statuses, {}, metaOf(context));
  }

  /** One order through `orders.get` (uuid or number), kept for the rest of the operation. */
  private async fetch(ref: string, context: GraphqlContext): Promise<OrderView> {
    const order = await context.clients.orders.send<OrderView>(OrderRpc.Get, { id: ref }, metaOf(context));
    loadersOf(context).orders.prime(order.id, order);
    return order;
  }

  private async oldestWithStatus(status: string, limit = DEFAULT_PAGE_SIZE, context: GraphqlContext, info: GraphQLResolveInfo) {
    const page = await listOrders(context, { limit, filter: { status }, sort: { field: OrderSortField.CREATED_AT, direction: SortDirection.ASC } }, this.config.GRAPHQL_MAX_PAGE_SIZE, info);
    return page.nodes;
  }
}
