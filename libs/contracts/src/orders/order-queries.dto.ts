import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsApiDate } from '../common/api-date';
import { PageQueryDto } from '../common/page';
import { StatusView } from './order.view';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export const ORDER_SORTS = ['createdAt', 'grandTotal', 'orderNumber'] as const;

/** Filters of `GET /api/orders`; statuses are checked against the configuration by the order service. */
export class ListOrdersQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(40) status?: string;
  @IsOptional() @IsString() @MaxLength(40) paymentStatus?: string;
  @IsOptional() @IsString() @MaxLength(40) shipmentStatus?: string;
  @IsOptional() @IsString() @MaxLength(100) customerId?: string;
  @IsOptional() @IsEmail() customerEmail?: string;
  /** An order number, or part of the customer's email or name (at least 3 characters, to use the search indexes). */
  @IsOptional() @IsString() @MinLength(3) @MaxLength(100) q?: string;
  @IsOptional() @IsApiDate() createdFrom?: string;
  @IsOptional() @IsApiDate() createdTo?: string;
  @IsOptional() @IsIn(ORDER_SORTS) sort?: (typeof ORDER_SORTS)[number];
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @Transform(toBoolean) @IsBoolean() includeTotal?: boolean;
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
