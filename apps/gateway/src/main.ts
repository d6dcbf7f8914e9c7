import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, inProduction, loadConfig, NestPinoLogger, runMain } from '@oms/platform';
import { CONTROLLERS, GatewayModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { Registry } from 'prom-client';
import { accessLog } from './http/access-log';
import { bodyParsers, middlewareErrors } from './http/body-parsing';
import { correlationMiddleware } from './http/correlation.middleware';
import { inputGuard } from './http/input-guard';
import { setUpOpenApi } from './http/openapi';
import { strictValidationPipe } from './http/validation.pipe';
import { webApp } from './http/web-app';

export async function startGateway(config: GatewayConfig) {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(config, logger), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    bodyParser: false, // ours run after the correlation id is set, so their errors carry it
  });
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  app.use(correlationMiddleware, accessLog(logger, app.get(Registry)), ...bodyParsers(), inputGuard, middlewareErrors(logger));
  const pages = webApp(config.WEB_APP_DIR, { explorer: !inProduction() });
  if (pages) app.use(pages);
  else logger.warn({ dir: config.WEB_APP_DIR }, 'the web app is not built (npm run build); /admin is not served');
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setUpOpenApi(app, CONTROLLERS);
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, `gateway listening; back office at http://localhost:${config.PORT}/admin, API docs at /api/docs, GraphQL at /graphql`);
  return app;
}

/** Express's "trust proxy" from text: a hop count, true/false, or addresses and CIDRs. */
const trustProxy = (value: string): boolean | number | string =>
  /^\d+$/.test(value) ? Number(value) : value === 'true' ? true : value === 'false' ? false : value;

if (require.main === module) {
  runMain(createLogger('gateway'), () => startGateway(loadConfig(GatewayConfig)));
}
