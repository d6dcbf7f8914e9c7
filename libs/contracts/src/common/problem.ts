/** RFC 9457 problem details, as the gateway answers them and as services report errors over RPC. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

/** Machine-readable `code`s of problems; `type` is derived from them. */
export const ProblemCodes = {
  ValidationFailed: 'validation_failed',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  IdempotencyKeyReused: 'idempotency_key_reused',
  TotalsMismatch: 'totals_mismatch',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  Unprocessable: 'unprocessable',
  TemplateFailed: 'template_failed',
  DestinationRefused: 'destination_refused',
  TooManyRequests: 'too_many_requests',
  ServiceUnavailable: 'service_unavailable',
  ServiceTimeout: 'service_timeout',
  Internal: 'internal_error',
} as const;

export const problemType = (code: string) => `https://oms.dev/problems/${code.replace(/_/g, '-')}`;
