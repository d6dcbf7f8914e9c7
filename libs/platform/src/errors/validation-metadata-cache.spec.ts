import { getMetadataStorage, IsInt, IsString, MinLength, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString() name!: string;
}

class Derived extends Base {
  @IsInt() count!: number;
  @MinLength(3, { groups: ['strict'] }) code!: string;
}

describe('memoized class-validator metadata', () => {
  beforeAll(() => memoizeValidationMetadata());

  const fields = (object: object, groups?: string[]) => validateSync(object, { groups }).map((error) => error.property).sort();

  it('finds the same rules as before: inherited ones, and those of groups', () => {
    const invalid = Object.assign(new Derived(), { name: 1, count: 'x', code: 'ab' });
    expect(fields(invalid)).toEqual(['code', 'count', 'name']);
    expect(fields(invalid, ['strict'])).toEqual(['code']);
    expect(fields(Object.assign(new Derived(), { name: 'n', count: 1, code: 'abcd' }))).toEqual([]);
    expect(fields(Object.assign(new Base(), { name: 2 }))).toEqual(['name']);
  });

  it('looks a class up once per set of options', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false, ['strict'])).not.toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(first.map((m) => m.propertyName).sort()).toEqual(['code', 'count', 'name']);
  });

  it('is applied once however often it is called', () => {
    const patched = getMetadataStorage().getTargetValidationMetadatas;
    memoizeValidationMetadata();
    expect(getMetadataStorage().getTargetValidationMetadatas).toBe(patched);
  });
});
