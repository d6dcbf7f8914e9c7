import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';

export class ShipmentItemDto {
  @IsUUID() orderItemId: string;
  @IsInt() @Min(1) qty: number;
}

export class CreateShipmentDto {
  /** Absent: everything not shipped yet. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ShipmentItemDto) items?: ShipmentItemDto[];
  @IsString() @IsNotEmpty() @MaxLength(50) carrier: string;
  /** May be absent (local pickup). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) trackingNumber?: string;
  /** Derived from the carrier's template when absent. */
  @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(500) trackingUrl?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsBoolean() notifyCustomer?: boolean;
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
}
