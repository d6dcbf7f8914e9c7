import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/**
 * Flattens class-validator's tree into `{ field: 'items[0].qty', message }` pairs, every one of them: the
 * field names of every 400 the API answers, and of the web app's forms, which validate with the same DTOs.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Unknown fields are errors, not silently dropped. */
export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;
