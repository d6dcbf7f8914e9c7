import { ServiceConfig } from '@oms/platform';

export class InventoryServiceConfig extends ServiceConfig {
  override PORT = 3002;
  override DATABASE_NAME = 'oms_inventory';
  override SERVICE_NAME = 'inventory-service';
}
