import { ServiceConfig } from '@oms/platform';

export class ShipmentServiceConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_NAME = 'oms_shipment';
  override SERVICE_NAME = 'shipment-service';
}
