import { ArgsType, Field, Int } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { ListOrdersQueryDto, OrderRpc, OrderSummaryView, Page, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { GraphqlContext, metaOf } from '../context';
import { asksFor } from '../selection';
import { OrderFilterInput, SortInput } from './order.inputs';
import { PaginatedOrders } from './order.types';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'A numbered page, from 1 (default 1); numbered pages reach 10,000 orders deep.' }) page?: number;
  @Field(() => Int, { nullable: true, description: `Orders per page (default ${DEFAULT_PAGE_SIZE}, at most GRAPHQL_MAX_PAGE_SIZE).` }) limit?: number;
  @Field({ nullable: true, description: 'The `pageInfo.endCursor` of the page before: keyset paging, any depth (instead of `page`).' }) after?: string;
}

@ArgsType()
export class OrderListArgs extends PageArgs {
  @Field(() => OrderFilterInput, { nullable: true }) filter?: OrderFilterInput;
  @Field(() => SortInput, { nullable: true }) sort?: SortInput;
}

/** The GraphQL name of each field of the list query, for the errors the order service reports. */
const ARGUMENT_OF: Record<string, string> = {
  status: 'filter.status', paymentStatus: 'filter.paymentStatus', shipmentStatus: 'filter.shipmentStatus', orderType: 'filter.orderType',
  q: 'filter.search', createdFrom: 'filter.dateRange.start', createdTo: 'filter.dateRange.end', customerId: 'filter.customerId',
  customerEmail: 'filter.customerEmail', cursor: 'after', sort: 'sort.field', order: 'sort.direction',
};

/** A list's cost: its elements' cost times the page size asked for. */
export const pageCost = ({ args, childComplexity }: { args: { limit?: number }; childComplexity: number }) =>
  1 + childComplexity * (args.limit ?? DEFAULT_PAGE_SIZE);

/** One page of orders through the same `orders.list` call as GET /api/orders, as PaginatedOrders (unset filters are left out by the RPC's JSON). */
export async function listOrders(context: GraphqlContext, args: OrderListArgs, maxPageSize: number, info: GraphQLResolveInfo): Promise<PaginatedOrders> {
  const limit = args.limit ?? DEFAULT_PAGE_SIZE;
  if (limit < 1 || limit > maxPageSize) throw AppError.validation([{ field: 'limit', message: `limit must be from 1 to ${maxPageSize}` }]);
  const { filter = {}, sort } = args;
  const page = args.after === undefined ? args.page ?? 1 : args.page;
  const query: ListOrdersQueryDto = {
    status: filter.status, paymentStatus: filter.paymentStatus, shipmentStatus: filter.shipmentStatus, orderType: filter.orderType,
    q: filter.search, createdFrom: filter.dateRange?.start, createdTo: filter.dateRange?.end, customerId: filter.customerId, customerEmail: filter.customerEmail,
    sort: sort?.field, order: sort?.direction, limit, cursor: args.after, page, includeTotal: asksFor(info, 'pageInfo', 'total'),
  };
  const result = await context.clients.orders
    .send<Page<OrderSummaryView> & { total?: number }>(OrderRpc.List, { query }, metaOf(context))
    .catch((error: unknown) => {
      if (error instanceof AppError && error.errors) throw AppError.validation(error.errors.map((e) => ({ ...e, field: ARGUMENT_OF[e.field] ?? e.field })), error.message);
      throw error;
    });
  return {
    nodes: result.items,
    pageInfo: { currentPage: page ?? null, limit, hasNextPage: result.nextCursor !== null, endCursor: result.nextCursor, total: result.total ?? null },
  };
}
