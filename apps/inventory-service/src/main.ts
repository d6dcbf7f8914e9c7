import 'reflect-metadata';
import { RpcQueues } from '@oms/contracts';
import { runService } from '@oms/runtime';
import { InventoryServiceConfig } from './config/inventory-service.config';
import { inventoryMigrations } from './stock/persistence/migrations';
import { StockModule } from './stock/stock.module';

export const inventoryService = { config: InventoryServiceConfig, migrations: inventoryMigrations, features: [StockModule], rpcQueue: RpcQueues.inventory };

if (require.main === module) runService(inventoryService);
