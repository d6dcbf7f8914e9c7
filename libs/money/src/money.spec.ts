import { currencyPrecision, formatMoney, fromMinorUnits, isKnownCurrency, minorUnitsCollector, MoneyError, toMinorUnits } from './money';

describe('money', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['BHD', 3],
    ['KWD', 3],
  ])('knows the precision of %s', (currency, digits) => {
    expect(currencyPrecision(currency)).toBe(digits);
  });

  it('rejects an unknown currency', () => {
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(() => currencyPrecision('XYZ')).toThrow(MoneyError);
  });

  it.each([
    [10.01, 'EUR', 1001],
    [0.1, 'EUR', 10],
    [19.99, 'USD', 1999],
    [1234567.89, 'EUR', 123456789],
    [5, 'JPY', 5],
    [1.234, 'BHD', 1234],
    [0, 'EUR', 0],
  ])('converts %p %s to %p minor units exactly', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it.each([
    [10.001, 'EUR'],
    [5.5, 'JPY'],
    [1.2345, 'BHD'],
    [0.1 + 0.2, 'EUR'],
  ])('refuses %p %s: more decimals than the currency has', (amount, currency) => {
    expect(() => toMinorUnits(amount, currency)).toThrow(/decimal place/);
  });

  it('refuses negatives, non-finite, exponent notation and unsafe sizes', () => {
    expect(() => toMinorUnits(-1, 'EUR')).toThrow(MoneyError);
    expect(() => toMinorUnits(Number.NaN, 'EUR')).toThrow(MoneyError);
    expect(() => toMinorUnits(Infinity, 'EUR')).toThrow(MoneyError);
    expect(() => toMinorUnits(1e-7, 'EUR')).toThrow(MoneyError);
    expect(() => toMinorUnits(1e21, 'EUR')).toThrow(MoneyError);
    expect(() => toMinorUnits(9007199254740991, 'EUR')).toThrow(/too large/);
  });

  it.each([
    [1001, 'EUR', 10.01],
    ['123456789', 'EUR', 1234567.89],
    [5, 'JPY', 5],
    [7, 'EUR', 0.07],
    [1234, 'BHD', 1.234],
    [-250, 'EUR', -2.5],
  ])('shows %p minor units of %s as %p', (minor, currency, amount) => {
    expect(fromMinorUnits(minor, currency)).toBe(amount);
  });

  it('round-trips every cent amount up to 100.00 EUR', () => {
    for (let cents = 0; cents <= 10000; cents++) {
      expect(toMinorUnits(fromMinorUnits(cents, 'EUR'), 'EUR')).toBe(cents);
    }
  });

  it('formats minor units at the currency precision', () => {
    expect(formatMoney(1050, 'EUR')).toBe('10.50 EUR');
    expect(formatMoney(500, 'JPY')).toBe('500 JPY');
    expect(formatMoney(1, 'BHD')).toBe('0.001 BHD');
  });

  it('collects every amount that does not fit its currency, naming the field', () => {
    const errors: { field: string; message: string }[] = [];
    const minor = minorUnitsCollector(errors);
    expect(minor(10.5, 'EUR', 'a')).toBe(1050);
    expect(minor(undefined, 'EUR', 'b')).toBe(0);
    expect(minor(5.5, 'JPY', 'c')).toBe(0);
    expect(minor(1.001, 'EUR', 'd')).toBe(0);
    expect(errors).toEqual([
      { field: 'c', message: 'c has more than 0 decimal places for JPY' },
      { field: 'd', message: 'd has more than 2 decimal places for EUR' },
    ]);
  });
});
