import { FieldMiddleware } from '@nestjs/graphql';
import { OrderSummaryView, OrderView } from '@oms/contracts';
import { GraphqlContext, loadersOf } from '../context';

/** What an Order is resolved from: an order of a list (a summary) or the whole order. */
export type OrderSource = OrderSummaryView | OrderView;

/** The whole order of a source: itself, or loaded (in one batch with the other orders of the request). */
export const fullOrder = (order: OrderSource, context: GraphqlContext): Promise<OrderView> =>
  'items' in order ? Promise.resolve(order) : loadersOf(context).orders.load(order.id);

/** A field that orders in a list do not carry: it is read from the whole order. */
export const fromFullOrder: FieldMiddleware<OrderSource, GraphqlContext> = async ({ source, context, info }) =>
  (await fullOrder(source, context))[info.fieldName as keyof OrderView];
