import { ValidationPipe } from '@nestjs/common';
import { AppError, flattenValidationErrors, STRICT_VALIDATION } from '@oms/platform';

/** Bodies and queries are validated against their DTO: unknown fields are refused, every error listed. */
export const strictValidationPipe = () =>
  new ValidationPipe({
    ...STRICT_VALIDATION,
    transform: true,
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
