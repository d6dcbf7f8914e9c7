import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsApiDate, IsApiDay, parseApiDate } from './api-date';

class Probe {
  @IsApiDate() at: string;
}
class DayProbe {
  @IsApiDay() day: string;
}
const errorsOf = (at: unknown) => validateSync(plainToInstance(Probe, { at })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('API dates', () => {
  it('reads days and zoned date-times as the instants PostgreSQL reads', () => {
    expect(parseApiDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseApiDate('2024-01-01T10:30Z')?.toISOString()).toBe('2024-01-01T10:30:00.000Z');
    expect(parseApiDate('2024-01-01T10:30:15.123456+02:00')?.toISOString()).toBe('2024-01-01T08:30:15.123Z');
    expect(parseApiDate('9999-12-31T23:59:59Z')?.getUTCFullYear()).toBe(9999);
  });

  it('refuses what validators of ISO 8601 accept but the database or new Date() cannot read', () => {
    for (const text of ['2024', '2024-01', '2024-W01-1', '2024-01-01T10', '-2024-01-01', '2024-100', '2024-01-01T10:00', '+294277-01-01',
      '2023-02-29', '2024-13-01', '2024-01-01T24:00Z', '2024-01-01T10:00+15:00', '0001-01-01', '2024-01-01 10:00Z', '2024-01-01T10:00:00Z\u0000']) {
      expect({ text, date: parseApiDate(text) }).toEqual({ text, date: undefined });
      expect({ text, errors: errorsOf(text).length }).toEqual({ text, errors: 1 });
    }
  });

  it('accepts valid values with no error and names the field otherwise', () => {
    expect(errorsOf('2024-05-01T10:00:00Z')).toEqual([]);
    expect(errorsOf('2024-W01-1')[0]).toMatch(/^at must be a date/);
    expect(errorsOf('2023-02-29')[0]).toMatch(/^at must be a real calendar date/);
    expect(validateSync(plainToInstance(DayProbe, { day: '2024-05-01T10:00:00Z' }))).toHaveLength(1);
    expect(validateSync(plainToInstance(DayProbe, { day: '2024-05-01' }))).toHaveLength(0);
  });
});
