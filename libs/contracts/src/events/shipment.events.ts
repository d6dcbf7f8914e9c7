import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

export class ShipmentLine {
  @IsUUID() orderItemId: string;
  @IsString() sku: string;
  @IsInt() @Min(1) qty: number;
}

/** `shipment.created`: these quantities of the order left the warehouse (inventory books the sale). */
export class ShipmentCreatedPayload {
  @IsUUID() shipmentId: string;
  @IsUUID() orderId: string;
  @IsString() shipmentNumber: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ShipmentLine) items: ShipmentLine[];
}
