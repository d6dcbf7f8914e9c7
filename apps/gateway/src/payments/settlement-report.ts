import { parse } from 'csv-parse/sync';
import { AppError } from '@oms/platform';

const DECIMAL = /^-?\d+(\.\d+)?$/;
const NUMERIC_COLUMNS = new Set(['amount', 'fee']);

/**
 * The rows of a settlement report sent as `text/csv` (a header line naming the columns of
 * `SettlementRowDto`) or as a JSON array. CSV cells are text: amounts become numbers when they are
 * decimals (anything else is left for validation to name), empty cells are absent.
 */
export function settlementRows(body: unknown, contentType: string | undefined): unknown[] {
  if (/^text\/csv\b/i.test(contentType ?? '')) return parseCsv(typeof body === 'string' ? body : '');
  if (!Array.isArray(body)) throw AppError.validation([{ field: '', message: 'must be a JSON array of settlement rows, or text/csv' }]);
  return body;
}

function parseCsv(text: string): Record<string, unknown>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw AppError.validation([{ field: '', message: `the CSV cannot be read: ${(error as Error).message}` }]);
  }
  return records.map((record) =>
    Object.fromEntries(
      Object.entries(record)
        .filter(([, cell]) => cell !== '')
        .map(([column, cell]) => [column, NUMERIC_COLUMNS.has(column) && DECIMAL.test(cell) ? Number(cell) : cell]),
    ),
  );
}
