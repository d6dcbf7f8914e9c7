import { ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../errors/validate';

export class ConfigError extends Error {}

/**
 * Reads the environment into a typed config class whose property defaults are the developer-machine
 * values. Fails at start with every bad variable named, rather than later with a confusing error.
 */
export function loadConfig<T extends object>(type: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const config = new type() as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    const value = env[key];
    if (value !== undefined && value !== '') config[key] = convertLike(config[key], value);
  }
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = flattenValidationErrors(errors).map((e) => `  ${e.field}: ${e.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config as T;
}

/** Env values are strings: convert each to the type of its default (numbers, `true`/`false`). */
function convertLike(defaultValue: unknown, value: string): unknown {
  if (typeof defaultValue === 'number') return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof defaultValue === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}
