import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsLocale, Matches, IsInt, IsISO4217CurrencyCode, IsISO31661Alpha2, IsNotEmpty, IsNumber,
  IsOptional, IsString, Max, MaxLength, Min, ValidateIf,
} from 'class-validator';
import { IsApiDay } from '../common/api-date';
import { LIMITS } from '../common/limits';
import { DECIMAL_AMOUNT, E164_PHONE } from '../common/patterns';
import { IsMetadata, IsStringMap, NestedObject, NestedObjects } from '../common/shapes';


export class CustomerDto {
  @IsOptional() @IsString() @MaxLength(100) id?: string;
  @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  /** E.164 (`+4915112345678`): where shipping and delivery texts go when `smsOptIn` is true, which needs it. */
  @ValidateIf((customer: CustomerDto) => customer.smsOptIn === true || customer.phone !== undefined)
  @IsDefined({ message: 'phone is required when smsOptIn is true' })
  @Matches(E164_PHONE, { message: 'phone must be in E.164 form: + and 8 to 15 digits, no spaces or dashes (+4915112345678)' })
  phone?: string;
  /** The customer agreed to texts about this order's shipping. */
  @IsOptional() @IsBoolean() smsOptIn?: boolean;
  /** BCP 47 language tag (`en`, `de-DE`): the language of the customer's messages, falling back to the shop's. */
  @IsOptional() @IsLocale() @MaxLength(35) locale?: string;
}

export class AddressDto {
  @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @IsString() @IsNotEmpty() @MaxLength(200) address1: string;
  @IsOptional() @IsString() @MaxLength(200) address2?: string;
  @IsString() @IsNotEmpty() @MaxLength(100) city: string;
  @IsOptional() @IsString() @MaxLength(100) province?: string;
  @IsOptional() @IsString() @MaxLength(20) postcode?: string;
  @IsISO31661Alpha2() country: string;
  @IsOptional() @IsString() @MaxLength(40) telephone?: string;
}

export class OrderLineDto {
  @IsString() @IsNotEmpty() @MaxLength(64) sku: string;
  @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @IsInt() @Min(1) @Max(LIMITS.lineQty) qty: number;
  @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.unitAmount) price: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.unitAmount) taxAmount?: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.unitAmount) discountAmount?: number;
  /** Weight of one unit, in the shop's weight unit. */
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.unitWeight) weight?: number;
  @IsOptional() @IsStringMap() variantOptions?: Record<string, string>;
}

export const ORDER_TYPES = ['regular', 'pre_order', 'mixed'] as const;

export class PlaceOrderDto {
  @IsDefined() @NestedObject(() => CustomerDto) customer: CustomerDto;
  @IsISO4217CurrencyCode() currency: string;
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @NestedObjects(() => OrderLineDto) items: OrderLineDto[];
  @IsDefined() @NestedObject(() => AddressDto) shippingAddress: AddressDto;
  @IsDefined() @NestedObject(() => AddressDto) billingAddress: AddressDto;
  @IsOptional() @IsString() @MaxLength(100) shippingMethod?: string;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) shippingFee?: number;
  /** Order-level discount, on top of the lines' own. */
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) discountAmount?: number;
  @IsOptional() @IsString() @MaxLength(64) coupon?: string;
  @IsString() @IsNotEmpty() @MaxLength(100) paymentMethod: string;
  @IsOptional() @IsIn(ORDER_TYPES) orderType?: (typeof ORDER_TYPES)[number];
  /** When a pre-order (or the pre-order part of a mixed order) is expected to ship; required for those. */
  @ValidateIf((order: PlaceOrderDto) => order.orderType === 'pre_order' || order.orderType === 'mixed' || order.estimatedFulfillmentDate !== undefined)
  @IsApiDay({ message: 'estimatedFulfillmentDate must be a real calendar date (YYYY-MM-DD); pre-orders need one' })
  estimatedFulfillmentDate?: string;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  /** At most 50 keys of up to 40 characters, 8 KB as JSON. */
  @IsOptional() @IsMetadata() metadata?: Record<string, unknown>;
  /** Optional totals as the checkout computed them: when given they must equal the server's. */
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) subTotal?: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) taxAmount?: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) grandTotal?: number;
}
