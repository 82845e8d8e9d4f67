import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('jsonDepthExceeds', () => {
  it('accepts nesting up to the limit and refuses one level more, arrays and objects alike', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds('{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('counts brackets inside strings as text, escaped quotes included', () => {
    const text = JSON.stringify({
      note: '['.repeat(1000),
      quoted: '"[[[["',
      more: '\\"[[[',
    });

    expect(jsonDepthExceeds(text)).toBe(false);
  });

  it('measures depth, not the number of siblings', () => {
    expect(jsonDepthExceeds(JSON.stringify(Array.from({ length: 10_000 }, () => [[1]])))).toBe(false);
  });

  it('refuses a megabyte of brackets without parsing it', () => {
    expect(jsonDepthExceeds('['.repeat(1_000_000))).toBe(true);
  });
});
