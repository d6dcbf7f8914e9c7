import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { MoneyScalar } from '../scalars';

export enum OrderSortField {
  CREATED_AT = 'createdAt',
  GRAND_TOTAL = 'grandTotal',
  ORDER_NUMBER = 'orderNumber',
}
export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
export enum OrderType {
  REGULAR = 'regular',
  PRE_ORDER = 'pre_order',
  MIXED = 'mixed',
}
registerEnumType(OrderSortField, { name: 'OrderSortField' });
registerEnumType(SortDirection, { name: 'SortDirection' });
registerEnumType(OrderType, { name: 'OrderType' });

@InputType()
export class SortInput {
  @Field(() => OrderSortField, { defaultValue: OrderSortField.CREATED_AT }) field: OrderSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction: SortDirection;
}

@InputType({ description: 'Created from `start` (inclusive) to `end` (exclusive); ISO 8601 dates or times.' })
export class DateRangeInput {
  @Field({ nullable: true }) start?: string;
  @Field({ nullable: true }) end?: string;
}

@InputType({ description: 'Statuses are the configured codes (see `orderStatuses`).' })
export class OrderFilterInput {
  @Field({ nullable: true }) status?: string;
  @Field({ nullable: true }) paymentStatus?: string;
  @Field({ nullable: true }) shipmentStatus?: string;
  @Field(() => OrderType, { nullable: true }) orderType?: OrderType;
  @Field({ nullable: true, description: 'An order number, or part of the customer’s email or name (3 characters at least).' }) search?: string;
  @Field(() => DateRangeInput, { nullable: true }) dateRange?: DateRangeInput;
  @Field({ nullable: true }) customerId?: string;
  @Field({ nullable: true }) customerEmail?: string;
}

@InputType({ description: 'The configured transitions apply, as for PATCH /api/orders/{id}.' })
export class UpdateOrderStatusInput {
  @Field({ nullable: true }) paymentStatus?: string;
  @Field({ nullable: true }) shipmentStatus?: string;
  @Field({ nullable: true }) notes?: string;
}

@InputType({
  description: [
    'A shipping change. With `shipmentId`: that shipment’s carrier and tracking change. Without: while something is',
    'left to ship, a new shipment of everything left is created (then `carrier` is required); otherwise the newest',
    'shipment still on its way changes.',
  ].join(' '),
})
export class UpdateOrderShippingInput {
  @Field(() => ID, { nullable: true }) shipmentId?: string;
  @Field({ nullable: true }) carrier?: string;
  @Field({ nullable: true, description: 'The carrier’s service (e.g. express); kept as the shipment’s note.' }) service?: string;
  @Field({ nullable: true }) trackingNumber?: string;
  @Field({ nullable: true }) trackingUrl?: string;
  @Field({ nullable: true, description: 'Tell the customer about a new shipment (default true).' }) notifyCustomer?: boolean;
}

@InputType()
export class ShipmentItemInput {
  @Field(() => ID) orderItemId: string;
  @Field(() => Int) qty: number;
}

@InputType({ description: 'As POST /api/orders/{id}/shipments: without items, everything not shipped yet.' })
export class CreateShipmentInput {
  @Field(() => [ShipmentItemInput], { nullable: true }) items?: ShipmentItemInput[];
  @Field() carrier: string;
  @Field({ nullable: true }) trackingNumber?: string;
  @Field({ nullable: true }) trackingUrl?: string;
  @Field({ nullable: true }) note?: string;
  @Field({ nullable: true }) notifyCustomer?: boolean;
}

@InputType()
export class RefundItemInput {
  @Field(() => ID) orderItemId: string;
  @Field(() => Int) qty: number;
  @Field({ description: 'Put the units back on hand (only units that shipped can come back).' }) restock: boolean;
}

@InputType({ description: 'As POST /api/orders/{id}/payments; (provider, type, reference) is recorded once.' })
export class RecordPaymentInput {
  @Field({ description: 'authorization, capture, void or failure.' }) type: string;
  @Field(() => MoneyScalar) amount: number;
  @Field({ nullable: true }) currency?: string;
  @Field() provider: string;
  @Field() reference: string;
  @Field({ nullable: true }) note?: string;
}
