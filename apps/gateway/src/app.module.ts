import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { AmqpClient, brokerCheck } from '@oms/messaging';
import { LOGGER, OpsModule, PlatformModule, READINESS_CHECKS } from '@oms/platform';
import { JwtAuthGuard } from './auth/auth';
import { GatewayConfig } from './config/gateway.config';
import { ProblemFilter } from './http/problem.filter';
import { InventoryController } from './inventory/inventory.controller';
import { OrdersController } from './orders/orders.controller';
import { ReportsController } from './orders/reports.controller';
import { PaymentsController } from './payments/payments.controller';
import { CarrierWebhooksController } from './webhooks/carrier-webhooks.controller';
import { PaymentWebhooksController } from './webhooks/payment-webhooks.controller';
import { serviceClients } from './rpc/service-clients';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    // One connection carries every RPC call; the gateway is ready when it is up.
    const amqp = new AmqpClient(config.AMQP_URL, logger, 'gateway');
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        OpsModule.forRoot('gateway', { provide: READINESS_CHECKS, useFactory: () => [brokerCheck(amqp)] }),
      ],
      controllers: [OrdersController, PaymentsController, InventoryController, ReportsController, CarrierWebhooksController, PaymentWebhooksController],
      providers: [
        ...serviceClients,
        { provide: AmqpClient, useFactory: () => Object.assign(amqp, { onApplicationBootstrap: () => amqp.start(), onApplicationShutdown: () => amqp.close() }) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, inject: [LOGGER], useFactory: (log: Logger) => new ProblemFilter(log) },
      ],
    };
  }
}
