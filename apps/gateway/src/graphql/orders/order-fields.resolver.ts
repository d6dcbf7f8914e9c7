import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ShipmentView } from '@oms/contracts';
import { GraphqlContext, loadersOf } from '../context';
import { Shipment } from '../shipments/shipment.types';
import { fullOrder, OrderSource } from './order-source';
import { listCost, Order } from './order.types';

/**
 * The Order fields that are not stored as such: the customer's fields flat (EverShop's names), the flags
 * the order service's rules compute (`OrderView.actions`), and the shipments, from the shipment service.
 */
@Resolver(() => Order)
export class OrderFieldsResolver {
  @ResolveField(() => String, { description: 'When the order was placed (ISO 8601); the same as createdAt.' })
  orderDate(@Parent() order: OrderSource) {
    return order.createdAt;
  }

  @ResolveField(() => String, { nullable: true, description: 'The shop’s customer id, null for a guest.' })
  customerId(@Parent() order: OrderSource) {
    return order.customer.id;
  }

  @ResolveField(() => String)
  customerEmail(@Parent() order: OrderSource) {
    return order.customer.email;
  }

  @ResolveField(() => String)
  customerFullName(@Parent() order: OrderSource) {
    return order.customer.fullName;
  }

  @ResolveField(() => String, { nullable: true })
  async customerPhone(@Parent() order: OrderSource, @Context() context: GraphqlContext) {
    return (await fullOrder(order, context)).customer.phone;
  }

  @ResolveField(() => Int, { description: 'How many lines the order has (totalQty counts the units).' })
  async itemCount(@Parent() order: OrderSource, @Context() context: GraphqlContext) {
    return (await fullOrder(order, context)).items.length;
  }

  @ResolveField(() => Boolean, { description: 'A cancel would be accepted now (the configured statuses allow it, nothing pending).' })
  async isCancellable(@Parent() order: OrderSource, @Context() context: GraphqlContext) {
    return (await fullOrder(order, context)).actions.cancel;
  }

  @ResolveField(() => Boolean, { description: 'A shipment can be created now: stock reserved, something left to ship, not canceled.' })
  async isShippable(@Parent() order: OrderSource, @Context() context: GraphqlContext) {
    return (await fullOrder(order, context)).actions.ship;
  }

  @ResolveField(() => Boolean, { description: 'Money was captured and not all of it refunded.' })
  async isRefundable(@Parent() order: OrderSource, @Context() context: GraphqlContext) {
    return (await fullOrder(order, context)).actions.refund;
  }

  @ResolveField(() => Boolean, { description: 'A pre-order, or an order with pre-ordered items (orderType pre_order or mixed).' })
  async isPreOrder(@Parent() order: OrderSource, @Context() context: GraphqlContext) {
    return ['pre_order', 'mixed'].includes((await fullOrder(order, context)).orderType);
  }

  @ResolveField(() => [Shipment], { complexity: listCost(3), description: 'The order’s shipments, oldest first, with their tracking history.' })
  shipments(@Parent() order: OrderSource, @Context() context: GraphqlContext): Promise<ShipmentView[]> {
    return loadersOf(context).shipments.load(order.id);
  }
}
