import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, loadConfig, NestPinoLogger, runMain } from '@oms/platform';
import { GatewayModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { correlationMiddleware } from './http/correlation.middleware';
import { setUpOpenApi } from './http/openapi';
import { strictValidationPipe } from './http/validation.pipe';

export async function startGateway(config: GatewayConfig) {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config, logger), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    rawBody: true, // webhook signatures are computed over the exact bytes received
  });
  // settlement reports can be long: a JSON array or text/csv of up to 10 MB
  app.useBodyParser('json', { limit: '10mb' });
  app.useBodyParser('text', { type: 'text/csv', limit: '10mb' });
  app.use(correlationMiddleware);
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setUpOpenApi(app);
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, `gateway listening; API docs at http://localhost:${config.PORT}/api/docs`);
  return app;
}

if (require.main === module) {
  runMain(createLogger('gateway'), () => startGateway(loadConfig(GatewayConfig)));
}
