import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../errors/validate';

export class ConfigError extends Error {}

/**
 * Reads the environment into a typed config class whose property defaults are the developer-machine
 * values. Fails at start with every bad variable named, rather than later with a confusing error.
 */
export function loadConfig<T extends object>(type: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new type();
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = Object.assign(defaults, plainToInstance(type, raw, { enableImplicitConversion: true }));
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = flattenValidationErrors(errors).map((e) => `  ${e.field}: ${e.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
