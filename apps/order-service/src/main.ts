import 'reflect-metadata';
import { RpcQueues } from '@oms/contracts';
import { runService } from '@oms/runtime';
import { OrderServiceConfig } from './config/order-service.config';
import { OrdersModule } from './orders/orders.module';
import { PaymentsModule } from './payments/payments.module';
import { ReportsModule } from './reports/reports.module';
import { orderServiceMigrations } from './migrations';

export const orderService = { config: OrderServiceConfig, migrations: orderServiceMigrations, features: [OrdersModule, PaymentsModule, ReportsModule], rpcQueue: RpcQueues.order };

if (require.main === module) runService(orderService);
