import 'reflect-metadata';
import { RpcQueues } from '@oms/contracts';
import { runService } from '@oms/runtime';
import { ShipmentServiceConfig } from './config/shipment-service.config';
import { shipmentMigrations } from './shipments/persistence/migrations';
import { ShipmentsModule } from './shipments/shipments.module';

export const shipmentService = { config: ShipmentServiceConfig, migrations: shipmentMigrations, features: [ShipmentsModule], rpcQueue: RpcQueues.shipment };

if (require.main === module) runService(shipmentService);
