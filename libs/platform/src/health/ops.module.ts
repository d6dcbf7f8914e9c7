import { DynamicModule, Module, Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HealthController, MetricsController } from './ops.controller';
import { READINESS_CHECKS, SERVICE_NAME } from './readiness';

/**
 * Health and metrics endpoints. The app provides READINESS_CHECKS (see `readinessChecks`); the metrics
 * registry is global so that any provider can register its own counters.
 */
@Module({})
export class OpsModule {
  /** `metricsOnAppPort: false` leaves `/metrics` to `serveMetrics` on a port of its own. */
  static forRoot(service: string, checks: Provider, { metricsOnAppPort = true } = {}): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    return {
      module: OpsModule,
      global: true,
      controllers: metricsOnAppPort ? [HealthController, MetricsController] : [HealthController],
      providers: [{ provide: Registry, useValue: registry }, { provide: SERVICE_NAME, useValue: service }, checks],
      exports: [Registry, READINESS_CHECKS],
    };
  }
}
