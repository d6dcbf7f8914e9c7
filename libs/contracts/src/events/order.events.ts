import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

export class OrderPlacedLine {
  @IsUUID() orderItemId: string;
  @IsString() sku: string;
  @IsString() name: string;
  @IsInt() @Min(1) qty: number;
}

/** `order.placed`: what other services need to know of a new order. Amounts in minor units. */
export class OrderPlacedPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsOptional() @IsString() customerId: string | null;
  @IsEmail() customerEmail: string;
  @IsString() customerFullName: string;
  /** Where the order ships to: the shipment service needs it for packing slips and labels. */
  @IsObject() shippingAddress: Record<string, unknown>;
  @IsString() currency: string;
  @IsInt() grandTotal: number;
  @IsIn(['regular', 'pre_order', 'mixed']) orderType: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => OrderPlacedLine) lines: OrderPlacedLine[];
}

/** `order.canceled`: inventory releases what it still holds for the order. */
export class OrderCanceledPayload {
  @IsUUID() orderId: string;
  @IsString() orderNumber: string;
  @IsString() reason: string;
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
