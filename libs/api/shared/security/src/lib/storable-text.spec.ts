import { findUnstorable, storableJson, storableText, storableValue, unstorableProblem } from './storable-text';

describe('storable text', () => {
  it.each([
    ['plain', undefined],
    ['emoji \uD83D\uDE00 pair', undefined],
    ['nul \u0000 byte', 'NUL'],
    ['lone high \uD800', 'LONE_SURROGATE'],
    ['lone low \uDC00 x', 'LONE_SURROGATE'],
    ['reversed \uDE00\uD83D', 'LONE_SURROGATE'],
  ])('%j is %s', (text, problem) => {
    expect(unstorableProblem(text)).toBe(problem);
  });

  it('replaces what cannot be stored and keeps pairs', () => {
    expect(storableText('a\u0000b\uD800c\uD83D\uDE00')).toBe('a\uFFFDb\uFFFDc\uD83D\uDE00');
  });

  it('finds the path of the first bad string or key in a JSON value', () => {
    expect(findUnstorable({ config: { env: { A: 'ok', B: 'x\u0000' } } })).toEqual({ field: 'config.env.B', problem: 'NUL' });
    expect(findUnstorable({ list: ['ok', '\uDFFF'] })).toEqual({
      field: 'list.1',
      problem: 'LONE_SURROGATE',
    });
    expect(findUnstorable({ ['k\uD800']: 1 })).toEqual({
      field: 'k\uFFFD',
      problem: 'LONE_SURROGATE',
    });
    expect(findUnstorable({ a: [1, null, true, { b: 'fine' }] })).toBeUndefined();
  });

  it('makes every string and key of a value storable', () => {
    expect(storableValue({ ['k\u0000']: ['v\uD800', 1, null] })).toEqual({
      ['k\uFFFD']: ['v\uFFFD', 1, null],
    });
  });

  it('renders JSON the database can store, and leaves storable values as JSON.stringify writes them', () => {
    const fine = { a: 'plain', b: ['\uD83D\uDE00'], c: 'back\\slash' };
    expect(storableJson(fine)).toBe(JSON.stringify(fine));
    expect(JSON.parse(storableJson({ ['k\u0000']: ['v\uD800', 'w\uDC00'] }))).toEqual({ ['k\uFFFD']: ['v\uFFFD', 'w\uFFFD'] });
  });
});
