import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { FieldError } from '@oms/contracts';
import { AppError } from './app-error';

/** Flattens class-validator's tree into `{ field: 'items[0].qty', message }` pairs, every one of them. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/**
 * Turns untrusted input into a validated instance of `type`, or throws a 400 AppError listing every
 * field error. Unknown fields are errors, not silently dropped.
 */
export function validateInput<T extends object>(type: ClassConstructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw AppError.validation([{ field: '', message: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(type, input);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length) throw AppError.validation(flattenValidationErrors(errors));
  return instance;
}
