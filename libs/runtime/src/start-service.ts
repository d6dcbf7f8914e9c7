import 'reflect-metadata';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { DataSource, MigrationInterface } from 'typeorm';
import type { Logger } from 'pino';
import { NestFactory } from '@nestjs/core';
import { AmqpClient, AmqpRpcServer, brokerCheck, MessagingModule, RetentionRule } from '@oms/messaging';
import { databaseCheck, DatabaseModule } from '@oms/persistence';
import {
  createLogger, loadConfig, NestPinoLogger, OpsModule, PlatformModule, READINESS_CHECKS, runMain, ServiceConfig,
} from '@oms/platform';

export interface ServiceDefinition<TConfig extends ServiceConfig> {
  config: ClassConstructor<TConfig>;
  migrations: (new () => MigrationInterface)[];
  /** The service's capability modules (orders, stock, …). */
  features: Type<unknown>[];
  rpcQueue?: string;
  /** The service's own tables kept only for a while (deleted with housekeeping). */
  retention?: (config: TConfig) => RetentionRule[];
}

@Module({})
class ServiceAppModule {}

/** What every backend service is made of: config and logger, its database, ops endpoints, messaging. */
export function serviceModule<TConfig extends ServiceConfig>(
  definition: ServiceDefinition<TConfig>,
  config: TConfig,
  logger: Logger,
): DynamicModule {
  return {
    module: ServiceAppModule,
    imports: [
      PlatformModule.forRoot(config, logger),
      DatabaseModule.forRoot(() => ({
        url: config.databaseUrl(),
        poolSize: config.DATABASE_POOL_SIZE,
        entities: [],
        migrations: definition.migrations,
        applicationName: config.SERVICE_NAME,
      })),
      OpsModule.forRoot(config.SERVICE_NAME, {
        provide: READINESS_CHECKS,
        inject: [DataSource, AmqpClient],
        useFactory: (dataSource: DataSource, amqp: AmqpClient) => [databaseCheck(dataSource), brokerCheck(amqp)],
      }),
      MessagingModule.forService(config.SERVICE_NAME, definition.retention?.(config)),
      ...definition.features,
    ],
  };
}

/**
 * Starts a service from its definition: HTTP for health and metrics, its `@MessagePattern` handlers on
 * its RPC queue, its event consumers, and graceful shutdown on SIGTERM/SIGINT (stop taking work, finish
 * what is in flight, close connections).
 */
export async function startService<TConfig extends ServiceConfig>(definition: ServiceDefinition<TConfig>): Promise<INestApplication> {
  const config = loadConfig(definition.config);
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const app = await NestFactory.create(serviceModule(definition, config, logger), { logger: new NestPinoLogger(logger), abortOnError: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (definition.rpcQueue) {
    app.connectMicroservice({ strategy: new AmqpRpcServer(app.get(AmqpClient), definition.rpcQueue, logger) });
    await app.startAllMicroservices();
  }
  await app.listen(config.PORT);
  logger.info({ port: config.PORT, rpcQueue: definition.rpcQueue }, `${config.SERVICE_NAME} started`);
  return app;
}

/** For a process entry point: logs a start-up failure (bad config, unreachable database) and exits 1. */
export function runService<TConfig extends ServiceConfig>(definition: ServiceDefinition<TConfig>): void {
  runMain(createLogger(new definition.config().SERVICE_NAME), () => startService(definition));
}
