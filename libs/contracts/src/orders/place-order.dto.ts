import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsEmail, IsIn, IsInt, IsISO4217CurrencyCode, IsISO31661Alpha2, IsNotEmpty, IsNumber,
  IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { DECIMAL_AMOUNT } from '../common/patterns';


export class CustomerDto {
  @IsOptional() @IsString() @MaxLength(100) id?: string;
  @IsEmail() @MaxLength(254) email: string;
  @IsString() @IsNotEmpty() @MaxLength(200) fullName: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
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
  @IsInt() @Min(1) qty: number;
  @IsNumber(DECIMAL_AMOUNT) @Min(0) price: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) taxAmount?: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) discountAmount?: number;
  /** Weight of one unit, in the shop's weight unit. */
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) weight?: number;
  @IsOptional() @IsObject() variantOptions?: Record<string, string>;
}

export const ORDER_TYPES = ['regular', 'pre_order', 'mixed'] as const;

export class PlaceOrderDto {
  @IsDefined() @ValidateNested() @Type(() => CustomerDto) customer: CustomerDto;
  @IsISO4217CurrencyCode() currency: string;
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OrderLineDto) items: OrderLineDto[];
  @IsDefined() @ValidateNested() @Type(() => AddressDto) shippingAddress: AddressDto;
  @IsDefined() @ValidateNested() @Type(() => AddressDto) billingAddress: AddressDto;
  @IsOptional() @IsString() @MaxLength(100) shippingMethod?: string;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) shippingFee?: number;
  /** Order-level discount, on top of the lines' own. */
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) discountAmount?: number;
  @IsOptional() @IsString() @MaxLength(64) coupon?: string;
  @IsString() @IsNotEmpty() @MaxLength(100) paymentMethod: string;
  @IsOptional() @IsIn(ORDER_TYPES) orderType?: (typeof ORDER_TYPES)[number];
  /** When a pre-order (or the pre-order part of a mixed order) is expected to ship; required for those. */
  @ValidateIf((order: PlaceOrderDto) => order.orderType === 'pre_order' || order.orderType === 'mixed' || order.estimatedFulfillmentDate !== undefined)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'estimatedFulfillmentDate must be a date (YYYY-MM-DD); pre-orders need one' })
  @IsISO8601({ strict: true }, { message: 'estimatedFulfillmentDate must be a real calendar date' })
  estimatedFulfillmentDate?: string;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
  @IsOptional() @IsObject() metadata?: Record<string, unknown>;
  /** Optional totals as the checkout computed them: when given they must equal the server's. */
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) subTotal?: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) taxAmount?: number;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) grandTotal?: number;
}
