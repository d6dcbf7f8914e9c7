import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ShipmentView } from '@oms/contracts';
import { GraphqlContext } from '../context';
import { listCost } from '../orders/order.types';
import { Shipment, TrackingEvent } from './shipment.types';

/** What a customer sees of a shipment is what its order page shows: no staff note, only applied tracking. */
@Resolver(() => Shipment)
export class ShipmentFieldsResolver {
  @ResolveField(() => String, { nullable: true, description: 'The staff’s note; null for customers.' })
  note(@Parent() shipment: ShipmentView, @Context() context: GraphqlContext) {
    return context.actor?.role === 'customer' ? null : shipment.note;
  }

  @ResolveField(() => [TrackingEvent], { complexity: listCost(10), description: 'Oldest first; customers see the applied updates only.' })
  trackingHistory(@Parent() shipment: ShipmentView, @Context() context: GraphqlContext) {
    return context.actor?.role === 'customer' ? shipment.trackingHistory.filter((event) => event.applied) : shipment.trackingHistory;
  }
}
