import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { ServiceConfig } from '../config/service-config';
import { NestPinoLogger } from '../logging/logger';

export interface ServiceBootstrap {
  module: Type<unknown> | ReturnType<typeof Object>;
  config: ServiceConfig;
  logger: Logger;
  /** The queue this service answers RPC on, if it serves any. */
  rpcQueue?: string;
}

/**
 * Starts a backend service: HTTP for health and metrics, an RPC server on its queue, and graceful
 * shutdown on SIGTERM/SIGINT (stop taking work, finish what is in flight, close connections).
 */
export async function bootstrapService({ module, config, logger, rpcQueue }: ServiceBootstrap): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: new NestPinoLogger(logger), abortOnError: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (rpcQueue) {
    app.connectMicroservice<MicroserviceOptions>({
      transport: Transport.RMQ,
      options: {
        urls: [config.AMQP_URL],
        queue: rpcQueue,
        queueOptions: { durable: true },
        prefetchCount: config.RPC_PREFETCH,
        // Requests are at-most-once by design: each expires at the caller's deadline and mutations
        // carry an Idempotency-Key, so a retry after a lost reply is safe. Events never take this path.
        noAck: true,
      },
    });
    await app.startAllMicroservices();
  }
  await app.listen(config.PORT);
  logger.info({ port: config.PORT, rpcQueue }, `${config.SERVICE_NAME} started`);
  return app;
}

/** Runs `main`, logging a start-up failure (bad config, unreachable database) and exiting non-zero. */
export function runMain(logger: Logger, main: () => Promise<unknown>): void {
  Promise.resolve().then(main).catch((error) => {
    logger.fatal({ err: error }, `failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}
