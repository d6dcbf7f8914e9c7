import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { ServiceConfig } from '../config/service-config';

/** Injection token of the process's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** Makes the validated config (under ServiceConfig and its own class) and the logger injectable everywhere. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: object, logger: Logger): DynamicModule {
    const providers = [
      { provide: LOGGER, useValue: logger },
      { provide: config.constructor, useValue: config },
      ...(config instanceof ServiceConfig ? [{ provide: ServiceConfig, useValue: config }] : []),
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}
