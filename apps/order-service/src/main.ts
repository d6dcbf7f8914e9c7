import 'reflect-metadata';
import { RpcQueues } from '@oms/contracts';
import { runService } from '@oms/runtime';
import { OrderServiceConfig } from './config/order-service.config';
import { OrdersModule } from './orders/orders.module';
import { ReportsModule } from './reports/reports.module';
import { orderMigrations } from './orders/persistence/migrations';

export const orderService = { config: OrderServiceConfig, migrations: orderMigrations, features: [OrdersModule, ReportsModule], rpcQueue: RpcQueues.order };

if (require.main === module) runService(orderService);
