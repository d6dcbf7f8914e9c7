import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

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

/** `inventory.reservation_failed`: nothing was reserved; `shortLines` names why. */
export class InventoryReservationFailedPayload {
  @IsUUID() orderId: string;
  @IsString() reason: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ShortLine) shortLines: ShortLine[];
}

export class InventoryLowStockPayload {
  @IsString() sku: string;
  @IsInt() available: number;
  @IsInt() threshold: number;
}
