import { ServiceConfig } from '@oms/platform';

export class InventoryServiceConfig extends ServiceConfig {
  override PORT = 3002;
  protected get databaseSuffix() {
    return 'inventory';
  }
  override SERVICE_NAME = 'inventory-service';
}
