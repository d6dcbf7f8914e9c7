import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { listCost } from '../orders/order.types';

@ObjectType({ description: 'A tracking update as received (from the carrier’s webhook or staff); `applied: false` for stale or repeated ones.' })
export class TrackingEvent {
  @Field() status: string;
  @Field() occurredAt: string;
  @Field() source: string;
  @Field() applied: boolean;
}

@ObjectType()
export class ShipmentItem {
  @Field(() => ID) orderItemId: string;
  @Field() sku: string;
  @Field(() => Int) qty: number;
}

@ObjectType({ description: 'A parcel of an order: what it holds, how it travels, where it is.' })
export class Shipment {
  @Field(() => ID) shipmentId: string;
  @Field() uuid: string;
  @Field() shipmentNumber: string;
  @Field(() => ID) orderId: string;
  @Field() carrier: string;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => String, { nullable: true }) trackingUrl: string | null;
  @Field({ description: 'pending, shipped, in_transit, out_for_delivery, delivered, exception, returned or canceled.' }) status: string;
  @Field(() => [ShipmentItem], { complexity: listCost(5) }) items: ShipmentItem[];
  @Field(() => String, { nullable: true }) shippedAt: string | null;
  @Field(() => String, { nullable: true }) deliveredAt: string | null;
  @Field() createdAt: string;
}
