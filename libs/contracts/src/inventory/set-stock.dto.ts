import { Transform } from 'class-transformer';
import { LIMITS } from '../common/limits';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { PageQueryDto } from '../common/page';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class SetStockDto {
  @IsInt() @Min(0) @Max(LIMITS.stockUnits) onHand: number;
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.stockUnits) lowStockThreshold?: number;
  @IsOptional() @IsBoolean() allowBackorder?: boolean;
}

export interface StockView {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  allowBackorder: boolean;
  updatedAt: string;
}

export class AdjustStockDto {
  /** Units to add (positive) or remove (negative). */
  @IsInt() @Min(-LIMITS.stockUnits) @Max(LIMITS.stockUnits) @NotEquals(0) delta: number;
  @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class ListStockQueryDto extends PageQueryDto {
  /** Only SKUs whose available stock is under their low-stock threshold. */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() lowStock?: boolean;
}

export interface MovementView {
  id: string;
  sku: string;
  kind: 'reservation' | 'release' | 'sale' | 'restock' | 'adjustment';
  onHandDelta: number;
  reservedDelta: number;
  orderId: string | null;
  shipmentId: string | null;
  refundId: string | null;
  reason: string | null;
  createdAt: string;
}
