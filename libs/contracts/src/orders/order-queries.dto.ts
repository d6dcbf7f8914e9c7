import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsApiDate } from '../common/api-date';
import { PageQueryDto } from '../common/page';
import { ORDER_TYPES } from './place-order.dto';
import { StatusView } from './order.view';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export const ORDER_SORTS = ['createdAt', 'grandTotal', 'orderNumber'] as const;

/** Numbered pages reach this many orders deep; past that a list is followed by its `nextCursor` (keyset, any depth). */
export const NUMBERED_PAGES_DEPTH = 10_000;

/** Filters of `GET /api/orders`; statuses are checked against the configuration by the order service. */
export class ListOrdersQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(40) status?: string;
  @IsOptional() @IsString() @MaxLength(40) paymentStatus?: string;
  @IsOptional() @IsString() @MaxLength(40) shipmentStatus?: string;
  @IsOptional() @IsIn(ORDER_TYPES) orderType?: (typeof ORDER_TYPES)[number];
  @IsOptional() @IsString() @MaxLength(100) customerId?: string;
  @IsOptional() @IsEmail() customerEmail?: string;
  /** An order number, or part of the customer's email or name (at least 3 characters, to use the search indexes). */
  @IsOptional() @IsString() @MinLength(3) @MaxLength(100) q?: string;
  @IsOptional() @IsApiDate() createdFrom?: string;
  @IsOptional() @IsApiDate() createdTo?: string;
  @IsOptional() @IsIn(ORDER_SORTS) sort?: (typeof ORDER_SORTS)[number];
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @Transform(toBoolean) @IsBoolean() includeTotal?: boolean;
  /**
   * A numbered page (from 1) instead of a cursor, for screens that jump to page N; numbered pages reach
   * `NUMBERED_PAGES_DEPTH` orders deep. Not together with `cursor`.
   */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(NUMBERED_PAGES_DEPTH) page?: number;
}

/** Several orders at once (`OrderRpc.GetMany`): a customer gets only its own, the others are left out. */
export class GetOrdersDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true }) ids: string[];
}

export class OrderStatsQueryDto {
  @IsOptional() @IsApiDate() createdFrom?: string;
  @IsOptional() @IsApiDate() createdTo?: string;
}

/** The documented direct status updates (EverShop's updatePaymentStatus / updateShipmentStatus). */
export class UpdateOrderDto {
  @IsOptional() @IsString() @MaxLength(40) paymentStatus?: string;
  @IsOptional() @IsString() @MaxLength(40) shipmentStatus?: string;
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class AddActivityDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) message: string;
  @IsBoolean() customerNotified: boolean;
}

export class ListActivitiesQueryDto {
  @IsOptional() @Transform(toBoolean) @IsBoolean() customerNotified?: boolean;
}

/** `id` and `uuid` are the same: an order is identified the same way in a list and in its view. */
export interface OrderSummaryView {
  id: string;
  uuid: string;
  orderNumber: string;
  currency: string;
  customer: { id: string | null; email: string; fullName: string };
  status: StatusView;
  paymentStatus: StatusView;
  shipmentStatus: StatusView;
  inventoryStatus: string;
  grandTotal: number;
  totalQty: number;
  createdAt: string;
}

export interface OrderStatsView {
  counts: Record<string, number>;
  /** Revenue is per currency: amounts in different currencies are never added up. */
  /** `refunded`: partial refunds of the counted orders (fully refunded orders are not counted); `netRevenue` = total − refunded. */
  currencies: { currency: string; orders: number; totalRevenue: number; refunded: number; netRevenue: number; averageOrderValue: number }[];
  /** Set when every counted order has the same currency, else null. */
  totalRevenue: number | null;
  averageOrderValue: number | null;
}
