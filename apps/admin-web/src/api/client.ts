import type { FieldError, Problem } from '@contracts/common/problem';
import { currentSession, endSession } from './session';

/** A failed call, as the API explained it (problem+json): its detail and every field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
    readonly code = 'error',
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** A bearer token other than the staff session's (a customer's). */
  token?: string | null;
  /** Sent as text/csv instead of JSON. */
  csv?: string;
}

export const withQuery = (path: string, query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as Problem;
    return new ApiError(response.status, problem.detail ?? problem.title, problem.errors ?? [], problem.code);
  } catch {
    return new ApiError(response.status, `The server answered ${response.status} ${response.statusText}.`);
  }
}

/** The raw response of an API call (a PDF, say), or the API's problem as an ApiError. */
export async function fetchApi(path: string, options: CallOptions = {}): Promise<Response> {
  const token = options.token === undefined ? currentSession()?.token : options.token;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, application/pdf' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.csv !== undefined) {
    headers['Content-Type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  // every change carries a key of its own, so a retried request is applied once
  if (options.method && options.method !== 'GET') headers['Idempotency-Key'] = crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method: options.method ?? 'GET', headers, body });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.ok) return response;
  const error = await problemOf(response);
  // an expired or revoked staff session: back to the sign-in page
  if (response.status === 401 && options.token === undefined && currentSession()) endSession();
  throw error;
}

export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const response = await fetchApi(path, options);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
