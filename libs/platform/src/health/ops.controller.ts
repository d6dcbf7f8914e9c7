import { Controller, Get, Header, HttpCode, Inject, Res, SetMetadata } from '@nestjs/common';
import type { Response } from 'express';
import { createServer, Server } from 'node:http';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { withTimeout } from '../async/with-timeout';
import { PUBLIC_ROUTE, READINESS_CHECKS, ReadinessCheck, SERVICE_NAME } from './readiness';

const CHECK_TIMEOUT_MS = 2000;

/** `/health/live` and `/health/ready`, the same on every app (operations, not part of the API document). */
@ApiExcludeController()
@Controller()
@SetMetadata(PUBLIC_ROUTE, true)
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok', service: this.service };
  }

  @Get('health/ready')
  async ready(@Res() response: Response) {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS, () => new Error('timed out'));
          return [name, { status: 'up' }] as const;
        } catch (error) {
          return [name, { status: 'down', error: (error as Error).message }] as const;
        }
      }),
    );
    const ok = results.every(([, result]) => result.status === 'up');
    response.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', service: this.service, checks: Object.fromEntries(results) });
  }
}

/** `/metrics` (Prometheus) on the app's own port: for the services, whose ports are internal. */
@Controller()
@SetMetadata(PUBLIC_ROUTE, true)
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics() {
    return this.registry.metrics();
  }
}

/** `/metrics` on a port of its own, for an app whose own port is public (the gateway). */
export function serveMetrics(registry: Registry, port: number): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
      () => response.writeHead(500).end(),
    );
  }).listen(port);
}
