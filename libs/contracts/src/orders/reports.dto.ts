import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsApiDate } from '../common/api-date';

/** Every report covers a period: createdFrom (inclusive) to createdTo (exclusive). */
export class ReportQueryDto {
  @IsApiDate() createdFrom: string;
  @IsApiDate() createdTo: string;
  /** IANA time zone the days of `sales-by-day` are counted in. */
  @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** Amounts are per currency: different currencies are never added up. */
/** `revenue` of the orders that stand (neither canceled nor fully refunded), `refunded` of them, and `netRevenue`. */
export interface SalesByDayRow { day: string; currency: string; orders: number; revenue: number; refunded: number; netRevenue: number }
export interface TopProductRow { sku: string; name: string; currency: string; qty: number; revenue: number }
export interface RevenueByPaymentMethodRow { paymentMethod: string; currency: string; orders: number; revenue: number; refunded: number; netRevenue: number }
