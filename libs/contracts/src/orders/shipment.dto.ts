import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsApiDate } from '../common/api-date';
import { LIMITS } from '../common/limits';
import { NestedObjects } from '../common/shapes';

export class ShipmentItemDto {
  @IsUUID() orderItemId: string;
  @IsInt() @Min(1) @Max(LIMITS.lineQty) qty: number;
}

export class CreateShipmentDto {
  /** Absent: everything not shipped yet. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @NestedObjects(() => ShipmentItemDto) items?: ShipmentItemDto[];
  @IsString() @IsNotEmpty() @MaxLength(50) carrier: string;
  /** May be absent (local pickup). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) trackingNumber?: string;
  /** Derived from the carrier's template when absent. */
  @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(500) trackingUrl?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsBoolean() notifyCustomer?: boolean;
}

export class ListShipmentsForOrdersDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true }) orderIds: string[];
}

export class CancelOrderDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
}

export interface ShipmentView {
  shipmentId: string;
  uuid: string;
  shipmentNumber: string;
  orderId: string;
  carrier: string;
  trackingNumber: string | null;
  trackingUrl: string | null;
  status: string;
  note: string | null;
  items: { orderItemId: string; sku: string; qty: number }[];
  shippedAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** Every tracking update received, oldest first; `applied: false` for stale or repeated ones. */
  trackingHistory: { status: string; occurredAt: string; source: string; applied: boolean }[];
}

export const SHIPMENT_UPDATE_STATUSES = ['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'canceled'] as const;

export class UpdateShipmentDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(50) carrier?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) trackingNumber?: string;
  @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(500) trackingUrl?: string;
  @IsOptional() @IsIn(SHIPMENT_UPDATE_STATUSES) status?: (typeof SHIPMENT_UPDATE_STATUSES)[number];
  /** When the status change happened (default: now); an update older than the last one is only recorded. */
  @IsOptional() @IsApiDate() occurredAt?: string;
}

/** The body of a carrier's signed tracking webhook. */
export class CarrierTrackingUpdateDto {
  @IsString() @IsNotEmpty() @MaxLength(100) trackingNumber: string;
  @IsIn(SHIPMENT_UPDATE_STATUSES) status: (typeof SHIPMENT_UPDATE_STATUSES)[number];
  @IsApiDate() occurredAt: string;
}
