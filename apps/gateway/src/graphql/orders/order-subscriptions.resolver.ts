import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, ObjectType, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { filter } from 'rxjs';
import { OrderRpc, OrderView } from '@oms/contracts';
import { Roles } from '../../auth/roles';
import { orderRef } from '../../http/params';
import { LiveChange, LiveFeed } from '../../live/live-feed';
import { forgetLoaded, GraphqlContext, loadersOf, metaOf } from '../context';
import { batchesOf } from '../live-iterator';
import { Order } from './order.types';

@ObjectType({ description: 'Something happened to an order (an event of the bus, as the back office’s live updates get it).' })
export class OrderChange {
  @Field({ description: 'The event: order.placed, shipment.created, order.canceled, …' }) type: string;
  @Field(() => ID) orderId: string;
  @Field(() => String, { nullable: true }) orderNumber: string | null;
  @Field() occurredAt: string;
}

/**
 * Live orders over graphql-ws, fed by the gateway's one subscription to the event bus (LiveFeed, which
 * also feeds GET /api/live). Each message is resolved afresh with the subscriber's own rights.
 */
@Resolver(() => OrderChange)
export class OrderSubscriptionsResolver {
  constructor(@Inject(LiveFeed) private readonly feed: LiveFeed) {}

  @Subscription(() => Order, {
    description: 'The order each time it changes (a burst of changes is one message); a customer may follow only its own orders.',
    resolve: (order: OrderView) => order,
  })
  @Roles('admin', 'checkout', 'customer')
  async orderUpdated(@Args('id', { type: () => ID, description: 'The order’s uuid or order number.' }, orderRef) id: string, @Context() context: GraphqlContext) {
    const load = (ref: string) => context.clients.orders.send<OrderView>(OrderRpc.Get, { id: ref }, metaOf(context));
    const { id: orderId } = await load(id); // NOT_FOUND for another customer's order
    const changes = this.feed.changesStream().pipe(filter((change) => change.orderId === orderId));
    return batchesOf(changes, async () => {
      forgetLoaded(context);
      return load(orderId);
    });
  }

  @Subscription(() => [OrderChange], { description: 'Staff: the changes to any order since the last message.', resolve: (changes: LiveChange[]) => changes })
  ordersChanged(@Context() context: GraphqlContext) {
    const changes = this.feed.changesStream().pipe(filter((change) => change.orderId !== null));
    return batchesOf(changes, async (batch) => {
      forgetLoaded(context);
      return batch;
    });
  }

  @ResolveField(() => Order, { nullable: true, description: 'The order as it is now (null once it can no longer be read).' })
  order(@Parent() change: LiveChange, @Context() context: GraphqlContext) {
    return loadersOf(context).orders.load(change.orderId as string).catch(() => null);
  }
}
