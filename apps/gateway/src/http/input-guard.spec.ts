import { INPUT_LIMITS, inspectInput } from './input-guard';

const nested = (levels: number) => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('inspectInput', () => {
  it('accepts ordinary documents', () => {
    expect(inspectInput({ customer: { fullName: 'Zoë 🚀' }, items: [{ qty: 1, tags: ['a'] }], note: null })).toEqual([]);
    expect(inspectInput(undefined)).toEqual([]);
  });

  it('names every field with a NUL or an unpaired surrogate', () => {
    expect(inspectInput({ message: 'a\u0000b', customer: { fullName: 'R\ud800', email: 'x\udc00@y.z' }, items: [{ name: 'ok' }, { name: '\u0000' }] })).toEqual([
      { field: 'message', message: 'must not contain NUL characters' },
      { field: 'customer.fullName', message: 'must be valid Unicode (it has an unpaired surrogate)' },
      { field: 'customer.email', message: 'must be valid Unicode (it has an unpaired surrogate)' },
      { field: 'items[1].name', message: 'must not contain NUL characters' },
    ]);
    expect(inspectInput({ q: 'abc\u0000' })).toEqual([{ field: 'q', message: 'must not contain NUL characters' }]);
  });

  it('refuses keys that name the object machinery, and keys that cannot be stored', () => {
    expect(inspectInput(JSON.parse('{"__proto__": {"x": 1}, "delta": 1}'))).toEqual([{ field: '__proto__', message: 'is not a field this endpoint accepts' }]);
    expect(inspectInput({ metadata: { constructor: 'x' } })).toEqual([{ field: 'metadata.constructor', message: 'is not a field this endpoint accepts' }]);
    expect(inspectInput({ metadata: { 'a\u0000': 'x' } })).toEqual([{ field: 'metadata', message: 'has a key that must not contain NUL characters' }]);
  });

  it('stops at the depth limit without recursing further', () => {
    expect(inspectInput(nested(INPUT_LIMITS.depth))).toEqual([]);
    const deep = inspectInput(nested(5000));
    expect(deep).toHaveLength(1);
    expect(deep[0].message).toBe(`must not nest more than ${INPUT_LIMITS.depth} levels`);
  });

  it('bounds the keys of one object and the values of the whole document', () => {
    const wide = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, i]));
    expect(inspectInput({ metadata: wide })).toEqual([{ field: 'metadata', message: `must have at most ${INPUT_LIMITS.keysPerObject} keys` }]);
    const long = Array.from({ length: INPUT_LIMITS.values }, () => 1);
    expect(inspectInput(long)).toEqual([{ field: '(body)', message: `must have at most ${INPUT_LIMITS.values} values` }]);
  });

  it('reports at most 20 problems', () => {
    expect(inspectInput(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(20);
  });
});
