import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, STRICT_VALIDATION } from '@oms/contracts';
import { AppError } from './app-error';
import { memoizeValidationMetadata } from './validation-metadata-cache';

// every app validates through this module or alongside it: the lookups are cached from the first import
memoizeValidationMetadata();

export { flattenValidationErrors, STRICT_VALIDATION };

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
