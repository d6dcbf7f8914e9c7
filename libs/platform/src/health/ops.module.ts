import { DynamicModule, Module, Provider } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { OpsController } from './ops.controller';
import { READINESS_CHECKS, SERVICE_NAME } from './readiness';

/**
 * Health and metrics endpoints. The app provides READINESS_CHECKS (see `readinessChecks`); the metrics
 * registry is global so that any provider can register its own counters.
 */
@Module({})
export class OpsModule {
  static forRoot(service: string, checks: Provider): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    return {
      module: OpsModule,
      global: true,
      controllers: [OpsController],
      providers: [{ provide: Registry, useValue: registry }, { provide: SERVICE_NAME, useValue: service }, checks],
      exports: [Registry, READINESS_CHECKS],
    };
  }
}
