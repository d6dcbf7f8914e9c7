import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { InventoryServiceConfig } from '../../apps/inventory-service/src/config/inventory-service.config';
import { NotificationServiceConfig } from '../../apps/notification-service/src/config/notification-service.config';
import { OrderServiceConfig } from '../../apps/order-service/src/config/order-service.config';
import { ShipmentServiceConfig } from '../../apps/shipment-service/src/config/shipment-service.config';

/** Every app's configuration class with its defaults: what the deployment files may set, checked against the code. */
export const services = {
  'order-service': new OrderServiceConfig(),
  'inventory-service': new InventoryServiceConfig(),
  'shipment-service': new ShipmentServiceConfig(),
  'notification-service': new NotificationServiceConfig(),
};
export const configs: Record<string, object> = { gateway: new GatewayConfig(), ...services };
export const apps = Object.keys(configs);
/** The settings an app reads (APP picks the app in the image; NODE_ENV is Node's). */
export const knownKeys = (app: string) => new Set([...Object.keys(configs[app]), 'APP', 'NODE_ENV']);
export const anyAppKnows = (key: string) => apps.some((app) => knownKeys(app).has(key));
