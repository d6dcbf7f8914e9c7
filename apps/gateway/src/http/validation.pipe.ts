import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { AppError, flattenValidationErrors, STRICT_VALIDATION } from '@oms/platform';

/** Whether class-validator has rules for a class: every REST DTO has; GraphQL argument classes have none. */
const hasRules = (type: ArgumentMetadata['metatype']) => !!type && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;

/**
 * Queries and the bodies the gateway reads itself are validated against their DTO: unknown fields are
 * refused, every error listed. Bodies forwarded to their service (`@ForwardedBody`) and GraphQL arguments
 * pass through: the service validates them on entry against the same DTOs, so each is validated once.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return super.toValidate(metadata) && hasRules(metadata.metatype);
  }
}

export const strictValidationPipe = () =>
  new StrictValidationPipe({
    ...STRICT_VALIDATION,
    transform: true,
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
