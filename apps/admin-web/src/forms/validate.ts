import { ApiError } from '../api/client';
import type { DtoName } from './rules';

/**
 * Checks a form's value against the API's DTO, throwing the ApiError the API would answer (400 with
 * every field), so that forms show client-side and server-side refusals the same way.
 */
export async function validateForm(name: DtoName, value: object): Promise<void> {
  const { check } = await import('./rules');
  const fields = await check(name, value);
  if (fields.length) throw new ApiError(400, 'Some fields need a change.', fields, 'validation_failed');
}
