import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ActivityType, OrderItemView, PaymentTransactionView, RefundView } from '@oms/contracts';
import { MoneyScalar } from '../scalars';
import { fromFullOrder, OrderSource } from './order-source';

/**
 * The schema's order types, in our words with the references' names (EverShop's Order, OrderItem,
 * Status, Activity, Shipment; the other shop's computed flags and PaginatedOrders). Lists of orders
 * carry a summary; the fields marked `fromFullOrder` load the whole order, in one batch per request.
 */

@ObjectType({ description: 'A configured status: its code, display name, badge colour and progress (see GET /api/order-statuses).' })
export class Status {
  @Field() code: string;
  @Field() name: string;
  @Field() badge: string;
  @Field() progress: string;
}

@ObjectType({ description: 'What the order’s statuses can be, per group, as configured.' })
export class StatusCatalogue {
  @Field(() => [Status]) orderStatus: Status[];
  @Field(() => [Status]) paymentStatus: Status[];
  @Field(() => [Status]) shipmentStatus: Status[];
}

@ObjectType()
export class OrderItem {
  @Field(() => ID) orderItemId: string;
  @Field({ description: 'The product’s SKU when the order was placed.' }) sku: string;
  @Field() name: string;
  @Field(() => Int) qty: number;
  @Field(() => Int) shippedQty: number;
  @Field(() => MoneyScalar, { description: 'Unit price before discount.' }) price: number;
  @Field(() => MoneyScalar, { description: 'Unit price after discount.' }) finalPrice: number;
  @Field(() => MoneyScalar) taxAmount: number;
  @Field(() => MoneyScalar) discountAmount: number;
  @Field(() => MoneyScalar, { description: 'What the line costs: qty × final price, with tax.' }) lineTotal: number;
  @Field(() => Number, { nullable: true, description: 'Weight of one unit, in the shop’s unit.' }) weight: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The variant’s options, e.g. { "size": "M" }.' }) variantOptions: OrderItemView['variantOptions'];
}

@ObjectType()
export class OrderAddress {
  @Field() fullName: string;
  @Field() address1: string;
  @Field(() => String, { nullable: true }) address2: string | null;
  @Field() city: string;
  @Field(() => String, { nullable: true }) province: string | null;
  @Field(() => String, { nullable: true }) postcode: string | null;
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' }) country: string;
  @Field(() => String, { nullable: true }) telephone: string | null;
}

@ObjectType({ description: 'An entry of the order’s history; a customer sees only those it was told about.' })
export class Activity {
  @Field(() => ID) activityId: string;
  @Field(() => String, { description: 'What happened: order_placed, shipment_created, refund_recorded, note, …' }) type: ActivityType;
  @Field({ description: 'What happened, in words (EverShop’s comment).' }) message: string;
  @Field(() => GraphQLJSONObject, { description: 'Its facts: a reason, a shipment number, an amount.' }) data: Record<string, unknown>;
  @Field() customerNotified: boolean;
  @Field({ description: 'Who did it: a staff user, the checkout, or system.' }) author: string;
  @Field() createdAt: string;
}

@ObjectType({ description: 'An entry of the payment ledger: an authorization, capture, void, failure or refund.' })
export class Payment {
  @Field(() => ID) transactionId: string;
  @Field(() => String) type: PaymentTransactionView['type'];
  @Field(() => MoneyScalar) amount: number;
  @Field() currency: string;
  @Field() provider: string;
  @Field() reference: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() author: string;
  @Field() createdAt: string;
}

@ObjectType()
export class RefundedItem {
  @Field(() => ID) orderItemId: string;
  @Field() sku: string;
  @Field(() => Int) qty: number;
  @Field({ description: 'The units went back to stock.' }) restock: boolean;
}

@ObjectType()
export class Refund {
  @Field(() => ID) refundId: string;
  @Field(() => MoneyScalar) amount: number;
  @Field() currency: string;
  @Field() reason: string;
  @Field() provider: string;
  @Field() reference: string;
  @Field(() => [RefundedItem]) items: RefundView['items'];
  @Field() author: string;
  @Field() createdAt: string;
}

@ObjectType({ description: 'What the ledger adds up to, in the order’s currency.' })
export class PaymentSummary {
  @Field(() => MoneyScalar, { description: 'Held by authorizations, neither captured nor voided yet.' }) authorized: number;
  @Field(() => MoneyScalar) captured: number;
  @Field(() => MoneyScalar) refunded: number;
  @Field(() => MoneyScalar, { description: 'Captured and not refunded yet: the most a refund may be.' }) refundable: number;
}

@ObjectType({ description: 'An order. Amounts are Money: decimals at the currency’s precision, never rounded by the gateway.' })
export class Order {
  @Field(() => ID, { description: 'The order’s uuid (also accepted: its order number, wherever an order id is asked).' }) id: string;
  @Field() uuid: string;
  @Field() orderNumber: string;
  @Field({ description: 'ISO 4217 code; every amount of the order is in it.' }) currency: string;
  @Field(() => Status) status: Status;
  @Field(() => Status) paymentStatus: Status;
  @Field(() => Status) shipmentStatus: Status;
  @Field({ description: 'Stock for the order: reserving, reserved, failed or released.' }) inventoryStatus: string;
  @Field(() => MoneyScalar) grandTotal: number;
  @Field(() => Int) totalQty: number;
  @Field() createdAt: string;

  @Field(() => [OrderItem], { middleware: [fromFullOrder], complexity: listCost(10) }) items: OrderItem[];
  @Field(() => OrderAddress, { nullable: true, middleware: [fromFullOrder] }) shippingAddress: OrderAddress;
  @Field(() => OrderAddress, { nullable: true, middleware: [fromFullOrder] }) billingAddress: OrderAddress;
  @Field(() => String, { nullable: true, middleware: [fromFullOrder] }) shippingMethod: string | null;
  @Field({ middleware: [fromFullOrder] }) paymentMethod: string;
  @Field(() => String, { nullable: true, middleware: [fromFullOrder] }) coupon: string | null;
  @Field({ middleware: [fromFullOrder], description: 'regular, pre_order or mixed.' }) orderType: string;
  @Field(() => String, { nullable: true, middleware: [fromFullOrder], description: 'When a pre-order is expected to ship (YYYY-MM-DD).' })
  estimatedFulfillmentDate: string | null;
  @Field(() => String, { nullable: true, middleware: [fromFullOrder] }) notes: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, middleware: [fromFullOrder] }) metadata: Record<string, unknown> | null;
  @Field(() => MoneyScalar, { middleware: [fromFullOrder] }) subTotal: number;
  @Field(() => MoneyScalar, { middleware: [fromFullOrder] }) discountAmount: number;
  @Field(() => MoneyScalar, { middleware: [fromFullOrder] }) taxAmount: number;
  @Field(() => MoneyScalar, { middleware: [fromFullOrder] }) shippingFee: number;
  @Field(() => Number, { nullable: true, middleware: [fromFullOrder] }) totalWeight: number | null;
  @Field(() => String, { nullable: true, middleware: [fromFullOrder] }) cancelReason: string | null;
  @Field({ middleware: [fromFullOrder], description: 'A cancel was asked for and waits for the shipment service’s answer.' }) cancelPending: boolean;
  @Field(() => [Activity], { middleware: [fromFullOrder], complexity: listCost(20), description: 'The history, oldest first.' }) activities: Activity[];
  @Field(() => [Payment], { middleware: [fromFullOrder], complexity: listCost(5), description: 'The payment ledger, oldest first.' }) payments: Payment[];
  @Field(() => [Refund], { middleware: [fromFullOrder], complexity: listCost(3) }) refunds: Refund[];
  @Field(() => PaymentSummary, { middleware: [fromFullOrder] }) payment: PaymentSummary;
  @Field({ middleware: [fromFullOrder] }) updatedAt: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Int, { nullable: true, description: 'The numbered page shown (null when paging by cursor).' }) currentPage: number | null;
  @Field(() => Int) limit: number;
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page: keyset paging, any depth.' }) endCursor: string | null;
  @Field(() => Int, { nullable: true, description: 'Orders matching the filter; counted only when this field is asked for.' }) total: number | null;
}

@ObjectType()
export class PaginatedOrders {
  @Field(() => [Order]) nodes: OrderSource[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType({ description: 'Revenue of one currency (amounts in different currencies are never added up).' })
export class CurrencyRevenue {
  @Field() currency: string;
  @Field(() => Int) orders: number;
  @Field(() => MoneyScalar) totalRevenue: number;
  @Field(() => MoneyScalar) refunded: number;
  @Field(() => MoneyScalar) netRevenue: number;
  @Field(() => MoneyScalar) averageOrderValue: number;
}

@ObjectType({ description: 'Orders per status and revenue; counts of orders neither canceled nor refunded make the revenue.' })
export class OrderStats {
  @Field(() => Int) totalOrders: number;
  @Field(() => Int) pendingOrders: number;
  @Field(() => Int) processingOrders: number;
  @Field(() => Int) shippedOrders: number;
  @Field(() => Int) deliveredOrders: number;
  @Field(() => Int) cancelledOrders: number;
  @Field(() => GraphQLJSONObject, { description: 'Orders per configured order status code.' }) counts: Record<string, number>;
  @Field(() => [CurrencyRevenue]) currencies: CurrencyRevenue[];
  @Field(() => MoneyScalar, { nullable: true, description: 'Set when every counted order has the same currency.' }) totalRevenue: number | null;
  @Field(() => MoneyScalar, { nullable: true }) averageOrderValue: number | null;
}

/** The cost of a list field: what one element costs, times how many there usually are. */
export function listCost(typicalLength: number) {
  return ({ childComplexity }: { childComplexity: number }) => 1 + childComplexity * typicalLength;
}
