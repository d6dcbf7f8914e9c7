import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

export class OrderPlacedLine {
  @IsUUID() orderItemId: string;
  @IsString() sku: string;
  @IsString() name: string;
  @IsInt() @Min(1) qty: number;
  /** Minor units: one unit after its discount, and the line with tax. Absent from events of older versions. */
  @IsOptional() @IsInt() finalPrice?: number;
  @IsOptional() @IsInt() lineTotal?: number;
}

/** The order's amounts in minor units of its currency. */
export class OrderTotals {
  @IsInt() subTotal: number;
  @IsInt() discountAmount: number;
  @IsInt() taxAmount: number;
  @IsInt() shippingFee: number;
  @IsInt() grandTotal: number;
}

/** `order.placed`: what other services need to know of a new order. Amounts in minor units. */
export class OrderPlacedPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsOptional() @IsString() customerId: string | null;
  @IsEmail() customerEmail: string;
  @IsString() customerFullName: string;
  /** E.164; texts go there only with `smsOptIn`. The three are absent from events of older versions. */
  @IsOptional() @IsString() customerPhone?: string | null;
  @IsOptional() @IsBoolean() smsOptIn?: boolean;
  /** BCP 47 language of the customer's messages; null: the shop's default. */
  @IsOptional() @IsString() locale?: string | null;
  /** Where the order ships to: the shipment service needs it for packing slips and labels. */
  @IsObject() shippingAddress: Record<string, unknown>;
  @IsOptional() @IsObject() billingAddress?: Record<string, unknown>;
  @IsString() currency: string;
  @IsInt() grandTotal: number;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OrderTotals) totals?: OrderTotals;
  @IsOptional() @IsString() paymentMethod?: string;
  @IsOptional() @IsString() shippingMethod?: string | null;
  @IsIn(['regular', 'pre_order', 'mixed']) orderType: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => OrderPlacedLine) lines: OrderPlacedLine[];
}

export const CANCEL_CAUSES = { requested: 'requested', reservationFailed: 'reservation_failed' } as const;

/**
 * `order.canceled`: inventory releases what it still holds for the order. `cause`: a person asked for it
 * (`requested`), or its stock could not be reserved (`reservation_failed`, of which the customer is told
 * by that event already).
 */
export class OrderCanceledPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsString() reason: string;
  @IsOptional() @IsIn(Object.values(CANCEL_CAUSES)) cause?: (typeof CANCEL_CAUSES)[keyof typeof CANCEL_CAUSES];
}

export class RefundedLine {
  @IsUUID() orderItemId: string;
  @IsString() sku: string;
  @IsInt() @Min(1) qty: number;
  /** Put the returned units back on hand. */
  @IsBoolean() restock: boolean;
}

/** `order.refunded`: money went back; lines marked `restock` return units to stock, once per refund. */
export class OrderRefundedPayload {
  @IsUUID() refundId: string;
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  /** Minor units of `currency`. */
  @IsInt() @Min(1) amount: number;
  @IsString() currency: string;
  @IsString() reason: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RefundedLine) lines: RefundedLine[];
}

/** `order.status_changed`: the order's statuses after a change, and before it. */
export class OrderStatusChangedPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsString() status: string;
  @IsString() paymentStatus: string;
  @IsString() shipmentStatus: string;
  @IsString() previousStatus: string;
}

/**
 * `order.cancel_requested`: the order is held in `cancel_pending` (a semantic lock) until the shipment
 * service, which serializes per order, acknowledges that nothing shipped or rejects the cancel.
 */
export class OrderCancelRequestedPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsString() reason: string;
}

export const PAYMENT_ENTRY_TYPES = ['authorization', 'capture', 'void', 'failure'] as const;

/** `order.payment_recorded`: an entry of the payment ledger (not a refund: that is `order.refunded`). */
export class OrderPaymentRecordedPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsIn(PAYMENT_ENTRY_TYPES) type: (typeof PAYMENT_ENTRY_TYPES)[number];
  /** Minor units of `currency`. */
  @IsInt() @Min(0) amount: number;
  @IsString() currency: string;
  @IsString() provider: string;
  @IsString() reference: string;
  /** The payment status the ledger adds up to after this entry. */
  @IsString() paymentStatus: string;
}

/**
 * `order.customer_notified`: a customer-visible entry on the order's history that no event of its own
 * tells the customer about (a staff note, a parcel out for delivery or held up): the customer gets it.
 */
export class OrderCustomerNotifiedPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsString() activityType: string;
  @IsString() message: string;
}
