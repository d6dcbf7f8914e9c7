/** How one field of a record is stored: its column, its SQL type, and how a value crosses the boundary. */
export interface Column<T> {
  column: string;
  /** The column's SQL type, for casts (`$1::uuid[]` of an unnest). */
  type: string;
  /** From what pg returns (bigint and numeric come back as text, jsonb as objects). */
  read: (value: unknown) => T;
  /** To a statement parameter. */
  write: (value: T) => unknown;
}

/** Every field of `T`, declared once: the row type, the mapping both ways and the column lists follow. */
export type Columns<T> = { [K in keyof T]-?: Column<T[K]> };

const same = <T>(value: unknown) => value as T;

/** A column whose value pg reads and writes as it is (text, integer, boolean, uuid, timestamptz). */
export const column = <T>(name: string, type: string): Column<T> => ({ column: name, type, read: same<T>, write: (value) => value });
/** A bigint of integer minor units: a JavaScript number (amounts stay below 2^53, see LIMITS). */
export const int8 = (name: string): Column<number> => ({ column: name, type: 'bigint', read: Number, write: (value) => value });
/** A numeric that may be null: a JavaScript number. */
export const decimal = (name: string): Column<number | null> => ({
  column: name, type: 'numeric', read: (value) => (value === null ? null : Number(value)), write: (value) => value,
});
/** A jsonb document (or null). */
export const jsonb = <T>(name: string): Column<T> => ({
  column: name, type: 'jsonb', read: same<T>, write: (value) => (value === null || value === undefined ? null : JSON.stringify(value)),
});

/** A row as pg returns it, read into the record its columns declare. */
export function fromRow<T>(columns: Columns<T>, row: Record<string, unknown>): T {
  const record = {} as T;
  for (const key of Object.keys(columns) as (keyof T)[]) record[key] = columns[key].read(row[columns[key].column]);
  return record;
}

/** `SET column = $n, …` of the fields in `changes`, appending their values to `params`. */
export function setClause<T>(columns: Columns<T>, changes: Partial<T>, params: unknown[]): string[] {
  return (Object.keys(changes) as (keyof T)[]).map((key) => `${columns[key].column} = $${params.push(columns[key].write(changes[key] as T[keyof T]))}`);
}

/** The values of `fields` of each record, as one array per field (for `unnest($1::type[], …)`). */
export function columnArrays<T, F extends keyof T>(columns: Columns<T>, records: Pick<T, F>[], fields: readonly F[]): unknown[][] {
  return fields.map((field) => records.map((record) => columns[field].write(record[field])));
}

/** `col_a, col_b, …`: the columns of `fields`, for an INSERT's column list. */
export const columnNames = <T>(columns: Columns<T>, fields: readonly (keyof T)[]): string =>
  fields.map((field) => columns[field].column).join(', ');

/** `$1::type[], $2::type[], …` from `start`: one array parameter per field, for the `unnest` that columnArrays fills. */
export const arrayParams = <T>(columns: Columns<T>, fields: readonly (keyof T)[], start = 1): string =>
  fields.map((field, i) => `$${start + i}::${columns[field].type}[]`).join(', ');
