import { Page } from '@oms/contracts';
import { AppError } from '@oms/platform';

/** An opaque keyset cursor: the sort key of the last row of a page. */
export const encodeCursor = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The sort key inside a cursor, checked by `valid` (a forged cursor is a 400, not a failing query). */
export function decodeCursor(cursor: string | undefined, valid: (key: unknown[]) => boolean): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && valid(key)) return key;
  } catch {
    // reported below
  }
  throw AppError.validation([{ field: 'cursor', message: 'cursor must be a cursor returned by this list' }]);
}

/** Rows were fetched with `limit + 1`: the extra one tells whether another page follows. */
export function toPage<TRow, TView>(rows: TRow[], limit: number, view: (row: TRow) => TView, keyOf: (row: TRow) => unknown[]): Page<TView> {
  const items = rows.slice(0, limit);
  return { items: items.map(view), nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
