import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

export class ReservedLine {
  @IsString() sku: string;
  @IsInt() @Min(1) qty: number;
}

/** `inventory.reserved`: every line of the order is held. */
export class InventoryReservedPayload {
  @IsUUID() orderId: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReservedLine) lines: ReservedLine[];
}

export class ShortLine {
  @IsString() sku: string;
  @IsInt() @Min(1) requested: number;
  /** What could have been reserved; 0 for an unknown SKU. */
  @IsInt() available: number;
}

export const RESERVATION_FAILURES = { insufficientStock: 'insufficient_stock', notApplicable: 'not_applicable' } as const;

/**
 * `inventory.reservation_failed`: nothing was reserved. `insufficient_stock`: `shortLines` names the
 * lines; `not_applicable`: the order could not be reserved at all, `detail` says why (for staff).
 */
export class InventoryReservationFailedPayload {
  @IsUUID() orderId: string;
  @IsString() reason: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ShortLine) shortLines: ShortLine[];
  @IsOptional() @IsString() detail?: string;
}

export class InventoryLowStockPayload {
  @IsString() sku: string;
  @IsInt() available: number;
  @IsInt() threshold: number;
}
