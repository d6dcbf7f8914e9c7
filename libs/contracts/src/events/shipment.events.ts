import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

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
  @IsString() carrier: string;
  @IsOptional() @IsString() trackingNumber: string | null;
  /** Where the customer follows the parcel; absent from events of older versions. */
  @IsOptional() @IsString() trackingUrl?: string | null;
  /** Whether the customer is told (the order's activity is customer-visible). */
  @IsBoolean() notifyCustomer: boolean;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ShipmentLine) items: ShipmentLine[];
}

/** `shipment.status_changed` (and `shipment.delivered` on delivery): a tracking update was applied. */
export class ShipmentStatusChangedPayload {
  @IsUUID() shipmentId: string;
  @IsUUID() orderId: string;
  @IsString() shipmentNumber: string;
  @IsString() status: string;
  @IsISO8601() occurredAt: string;
}

/** `shipment.canceled`: a shipment was voided before pickup; its units are the order's again. */
export class ShipmentCanceledPayload {
  @IsUUID() shipmentId: string;
  @IsUUID() orderId: string;
  @IsString() shipmentNumber: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ShipmentLine) items: ShipmentLine[];
}

/** `shipment.cancel_acknowledged`: nothing shipped, and nothing will: the order may be canceled. */
export class ShipmentCancelAcknowledgedPayload {
  @IsUUID() orderId: string;
}

/** `shipment.cancel_rejected`: a shipment exists; the order stays as it is. */
export class ShipmentCancelRejectedPayload {
  @IsUUID() orderId: string;
  @IsString() reason: string;
}
