import type { NextFunction, Request, Response } from 'express';
import type { LevelWithSilent, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { Histogram, Registry } from 'prom-client';

/**
 * One JSON line per request (pino-http: method, URL, status, time taken; the logger adds the request's
 * correlation id) and the latency histogram operators alert on, by route template (`/api/orders/:id`,
 * never the raw URL, so the label set stays small) and status.
 */
export function accessLog(logger: Logger, registry: Registry) {
  const duration = new Histogram({
    name: 'oms_http_request_duration_seconds',
    help: 'REST request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const log = pinoHttp<Request, Response, never>({
    logger,
    customLogLevel: (_request, response, error): LevelWithSilent => (error || response.statusCode >= 500 ? 'error' : 'info'),
    serializers: { req: (req) => ({ method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = duration.startTimer();
    response.once('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    log(request, response, next);
  };
}
