import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class SetStockDto {
  @IsInt() @Min(0) @Max(1_000_000_000) onHand: number;
  @IsOptional() @IsInt() @Min(0) lowStockThreshold?: number;
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
