import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { AmqpClient, brokerCheck } from '@oms/messaging';
import { Registry } from 'prom-client';
import { LOGGER, OpsModule, PlatformModule, READINESS_CHECKS, serveMetrics } from '@oms/platform';
import { JwtAuthGuard } from './auth/auth';
import { AuthController } from './auth/auth.controller';
import { StaffDirectory } from './auth/staff-directory';
import { StaffSignIn } from './auth/staff-sign-in';
import { TokenVerifier } from './auth/token-verifier';
import { LiveController } from './live/live.controller';
import { LiveFeed } from './live/live-feed';
import { OrderStatusController } from './order-status/order-status.controller';
import { GatewayConfig } from './config/gateway.config';
import { ProblemFilter } from './http/problem.filter';
import { InventoryController } from './inventory/inventory.controller';
import { DeadLettersController } from './ops/dead-letters.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { WebhookSubscriptionsController } from './notifications/webhook-subscriptions.controller';
import { OrdersController } from './orders/orders.controller';
import { ReportsController } from './orders/reports.controller';
import { PaymentsController } from './payments/payments.controller';
import { CarrierWebhooksController } from './webhooks/carrier-webhooks.controller';
import { PaymentWebhooksController } from './webhooks/payment-webhooks.controller';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { serviceClients } from './rpc/service-clients';

/** The REST controllers, also read by the OpenAPI document for their query DTOs. */
export const CONTROLLERS = [OrdersController, PaymentsController, InventoryController, ReportsController, CarrierWebhooksController, PaymentWebhooksController,
  NotificationsController, WebhookSubscriptionsController, DeadLettersController, AuthController, OrderStatusController, LiveController];

/** What REST controllers and GraphQL resolvers share: the broker connection, the RPC clients, token checks, the live feed. */
@Module({})
class GatewayServicesModule {}

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    // One connection carries every RPC call; the gateway is ready when it is up.
    const amqp = new AmqpClient(config.AMQP_URL, logger, 'gateway');
    const shared = [
      ...serviceClients,
      { provide: AmqpClient, useFactory: () => Object.assign(amqp, { onApplicationBootstrap: () => amqp.start(), onApplicationShutdown: () => amqp.close() }) },
      { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
      { provide: LiveFeed, useFactory: () => new LiveFeed(amqp, logger) },
    ];
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        { module: GatewayServicesModule, global: true, providers: shared, exports: shared.map((provider) => provider.provide) },
        // /metrics is served apart from the public API port (METRICS_PORT)
        OpsModule.forRoot('gateway', { provide: READINESS_CHECKS, useFactory: () => [brokerCheck(amqp)] }, { metricsOnAppPort: false }),
        GraphqlApiModule.forRoot(config, logger),
      ],
      controllers: CONTROLLERS,
      providers: [
        {
          provide: 'METRICS_SERVER', inject: [Registry],
          useFactory: (registry: Registry) => {
            const server = serveMetrics(registry, config.METRICS_PORT);
            return { onApplicationShutdown: () => new Promise((resolve) => server.close(resolve)) };
          },
        },
        { provide: StaffSignIn, useFactory: () => new StaffSignIn(new StaffDirectory(config.STAFF_USERS_FILE), config) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, inject: [LOGGER], useFactory: (log: Logger) => new ProblemFilter(log) },
      ],
    };
  }
}
