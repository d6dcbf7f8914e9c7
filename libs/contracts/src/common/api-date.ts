import { Matches, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The API's one form of dates: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with `Z`
 * or an offset, years 1900-9999. Everything it accepts, `new Date()` and PostgreSQL read the same way;
 * week dates, ordinal dates, a bare year or month, and date-times without a zone are refused.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|([+-])(\d{2}):(\d{2})))?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a valid API date stands for, or undefined when the text is not one. */
export function parseApiDate(text: string): Date | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  // absent parts are NaN, which no bound below refuses
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match.slice(1).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const realDay = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  if (!realDay || year < 1900 || hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return undefined;
  return new Date(text);
}

// the pattern reports malformed text; this names what is well-formed but not a real moment
const realMoment = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isRealApiDate',
      validator: {
        validate: (value) => typeof value !== 'string' || !INSTANT.test(value) || parseApiDate(value) !== undefined,
        defaultMessage: (args) => `${args?.property} must be a real calendar date and time (years 1900-9999)`,
      },
    },
    options,
  );

/** A moment: `2024-05-01` or `2024-05-01T10:30:00Z` / `…+02:00` (see `parseApiDate`). */
export const IsApiDate = (options?: ValidationOptions): PropertyDecorator => (target, key) => {
  Matches(INSTANT, { message: `${String(key)} must be a date (YYYY-MM-DD) or a date-time with a zone (YYYY-MM-DDTHH:MM:SSZ)`, ...options })(target, key as string);
  realMoment(options)(target, key as string);
};

/** A calendar day: `2024-05-01`. */
export const IsApiDay = (options?: ValidationOptions): PropertyDecorator => (target, key) => {
  Matches(DATE_ONLY, { message: `${String(key)} must be a date (YYYY-MM-DD)`, ...options })(target, key as string);
  realMoment(options)(target, key as string);
};
