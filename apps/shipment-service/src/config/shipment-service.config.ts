import { Matches } from 'class-validator';
import { ServiceConfig } from '@oms/platform';

export class ShipmentServiceConfig extends ServiceConfig {
  override PORT = 3003;
  protected get databaseSuffix() {
    return 'shipment';
  }
  override SERVICE_NAME = 'shipment-service';
  /** Shipment numbers are this prefix and a zero-padded database sequence: SHP-000042. */
  @Matches(/^[A-Za-z0-9-_]{0,16}$/) SHIPMENT_NUMBER_PREFIX = 'SHP-';
}
