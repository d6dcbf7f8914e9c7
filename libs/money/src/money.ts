/**
 * Money as integer minor units (cents, yen, fils). The API speaks decimals at the currency's ISO 4217
 * precision; nothing in between uses floating point arithmetic.
 */
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const precisionCache = new Map<string, number>();

export class MoneyError extends Error {}

export function isKnownCurrency(code: string): boolean {
  return knownCurrencies.has(code);
}

/** Digits after the decimal point for a currency (EUR 2, JPY 0, BHD 3), from ICU's ISO 4217 data. */
export function currencyPrecision(currency: string): number {
  let digits = precisionCache.get(currency);
  if (digits === undefined) {
    if (!isKnownCurrency(currency)) throw new MoneyError(`unknown currency ${currency}`);
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    precisionCache.set(currency, digits);
  }
  return digits;
}

/**
 * Converts a decimal amount as received in JSON into minor units, exactly.
 * Refuses more decimals than the currency has (10.001 EUR, 5.5 JPY), negatives and unsafe sizes.
 */
export function toMinorUnits(amount: number, currency: string): number {
  const digits = currencyPrecision(currency);
  if (!Number.isFinite(amount) || amount < 0) throw new MoneyError('must be a non-negative amount');
  const text = amount.toString();
  if (/e/i.test(text)) throw new MoneyError('must be written without an exponent');
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > digits) {
    throw new MoneyError(`has more than ${digits} decimal place${digits === 1 ? '' : 's'} for ${currency}`);
  }
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw new MoneyError('is too large');
  return minor;
}

/** Minor units back to the decimal the API shows; exact because the result has at most `digits` decimals. */
export function fromMinorUnits(minor: number | string | bigint, currency: string): number {
  const digits = currencyPrecision(currency);
  const value = BigInt(minor);
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return Number(negative ? `-${decimal}` : decimal);
}

/** Minor units for people to read: `10.50 EUR`, `500 JPY`. */
export function formatMoney(minor: number, currency: string): string {
  return `${fromMinorUnits(minor, currency).toFixed(currencyPrecision(currency))} ${currency}`;
}

/**
 * Converts many API amounts and collects every one that does not fit its currency into `errors`
 * (`{ field, message }`), so a request is refused once with all of them; a bad amount reads as 0.
 */
export function minorUnitsCollector(errors: { field: string; message: string }[]) {
  return (amount: number | undefined, currency: string, field: string): number => {
    if (amount === undefined) return 0;
    try {
      return toMinorUnits(amount, currency);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      errors.push({ field, message: `${field} ${error.message}` });
      return 0;
    }
  };
}
