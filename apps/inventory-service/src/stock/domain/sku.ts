import { SKU_PATTERN } from '@oms/contracts';
import { AppError } from '@oms/platform';

/** A SKU from a path is checked here, before any query: a 400 naming it. */
export function assertSku(sku: string): void {
  if (!SKU_PATTERN.test(sku)) throw AppError.validation([{ field: 'sku', message: `sku must match ${SKU_PATTERN}` }]);
}
