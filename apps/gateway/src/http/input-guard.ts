import type { NextFunction, Request, Response } from 'express';
import { FieldError } from '@oms/contracts';
import { AppError } from '@oms/platform';

/**
 * Bounds on the shape of any request body or query, checked before class-transformer sees it: its
 * recursion overflows the stack on deep nesting and its key handling is quadratic, so a small body
 * could otherwise crash a request or block the event loop for minutes.
 */
export const INPUT_LIMITS = {
  /** Objects and arrays inside one another; the deepest DTO nests four levels. */
  depth: 16,
  /** Keys of one object. */
  keysPerObject: 200,
  /** Every value of the document together (a 10,000-row settlement report is about 90,000). */
  values: 150_000,
} as const;

/** Keys that name the object machinery rather than data: refused like any other unknown field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NUL = '\u0000';
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_ERRORS = 20;

const textProblem = (text: string) =>
  text.includes(NUL) ? 'must not contain NUL characters' : !UNPAIRED_SURROGATE.test(text) ? undefined : 'must be valid Unicode (it has an unpaired surrogate)';

const pathOf = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * Every problem of shape and text in a parsed JSON document or query: too deep, too many keys or values,
 * forbidden keys, and strings PostgreSQL or JSON cannot carry (NUL, unpaired surrogates), each named
 * by its field path (`customer.fullName`, `items[0].name`). Stops at the first limit it crosses.
 */
export function inspectInput(document: unknown): FieldError[] {
  const errors: FieldError[] = [];
  let values = 0;
  const visit = (value: unknown, path: string, depth: number): boolean => {
    if (++values > INPUT_LIMITS.values) {
      errors.push({ field: '(body)', message: `must have at most ${INPUT_LIMITS.values} values` });
      return false;
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) errors.push({ field: path || '(body)', message: problem });
      return errors.length < MAX_ERRORS;
    }
    if (value === null || typeof value !== 'object') return true;
    if (depth > INPUT_LIMITS.depth) {
      errors.push({ field: path || '(body)', message: `must not nest more than ${INPUT_LIMITS.depth} levels` });
      return false;
    }
    if (Array.isArray(value)) return value.every((item, i) => visit(item, pathOf(path, i), depth + 1));
    const keys = Object.keys(value);
    if (keys.length > INPUT_LIMITS.keysPerObject) {
      errors.push({ field: path || '(body)', message: `must have at most ${INPUT_LIMITS.keysPerObject} keys` });
      return false;
    }
    for (const key of keys) {
      const field = pathOf(path, key);
      const keyProblem = textProblem(key);
      if (FORBIDDEN_KEYS.has(key)) errors.push({ field, message: 'is not a field this endpoint accepts' });
      else if (keyProblem) errors.push({ field: path || '(body)', message: `has a key that ${keyProblem}` });
      if (errors.length >= MAX_ERRORS || !visit((value as Record<string, unknown>)[key], field, depth + 1)) return false;
    }
    return true;
  };
  visit(document, '', 0);
  return errors;
}

/** Express middleware: a request whose body or query `inspectInput` objects to is a 400 before any handler runs. */
export function inputGuard(request: Request, _response: Response, next: NextFunction) {
  const errors = [...inspectInput(request.query), ...inspectInput(request.body)];
  next(errors.length ? AppError.validation(errors) : undefined);
}
