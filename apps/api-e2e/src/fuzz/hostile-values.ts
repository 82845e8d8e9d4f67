import fc from 'fast-check';

import { type Json, objectOf, RawJson, type UrlPart, utf8Bytes } from './fuzz-case';

/**
 * The catalogue of values that have broken (or commonly break) HTTP APIs on Node and
 * PostgreSQL, grouped in families of equal weight: a family with one member is drawn as
 * often as one with twenty, so no class of bug is drowned out by a bigger one. Sizes are
 * bounded so one case stays fast, yet go past the documented limits (`maxLength`,
 * `maxItems`, and `BODY_LIMIT_BYTES`, 1 MiB by default).
 */

/** PostgreSQL `int8` edges and integers beyond them. */
const INT8_EDGES = [
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '123456789012345678901234567890',
];
/** Doubles at their extremes, and ones PostgreSQL reads differently from JavaScript. */
const FLOAT_EDGES = ['1e308', '-1e308', '1e309', '5e-324', '1e-400', '1.5', '-0'];
const SMALL_EDGES = ['-1', '0', '2147483648', '-2147483649', '9007199254740993'];
/** Not numbers at all, though parsers that call `Number()` or `parseInt()` may think so. */
const NUMBER_LOOKALIKES = ['NaN', 'Infinity', '-Infinity', '0x10', '1e3', ' 1', '1_000', '01', '+1', '1,2', ''];

/** A number as text (a query value, a path segment) from one of the families above. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INT8_EDGES),
  fc.constantFrom(...FLOAT_EDGES),
  fc.constantFrom(...SMALL_EDGES),
  fc.constantFrom(...NUMBER_LOOKALIKES),
);

/** The same, as JSON number tokens written verbatim (`NaN` and `Infinity` make the JSON invalid). */
const numberToken: fc.Arbitrary<Json> = fc
  .oneof(
    fc.constantFrom(...INT8_EDGES),
    fc.constantFrom(...FLOAT_EDGES),
    fc.constantFrom(...SMALL_EDGES),
    fc.constantFrom('NaN', 'Infinity'),
  )
  .map((token) => new RawJson(token));

/** Any UTF-16 code unit, so lone surrogates and control characters turn up inside ordinary text. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

const LONE_SURROGATES = ['\ud800', '\udfff', 'x\udbff', '\udc00\ud800', 'a\ud800b'];
const NULS = ['\u0000', 'a\u0000b', '\u0000\u0000'];
const ODD_TEXT = ['', ' ', '\ufeff', '\u202e', '\uffff', '\u{1f642}', '\r\nx-injected: 1', '\u001b[31m'];
const WORDS_WITH_MEANING = ['__proto__', 'constructor', 'prototype', 'null', 'undefined', 'true', 'toString', 'hasOwnProperty'];
const INJECTIONS = [
  '../../../../etc/passwd',
  '%00',
  '%ED%A0%80',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${jndi:ldap://x.invalid/a}',
  '{{7*7}}',
];

/** A string longer than `limit` (a documented `maxLength`) or than anything reasonable. */
export function longString(limit = 1000): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('a'.repeat(limit + 1)),
    fc.integer({ min: limit + 1, max: Math.max(limit + 1, 100_000) }).map((n) => 'x'.repeat(n)),
    fc.constant('\u00e9'.repeat(limit + 1)),
  );
}

export function hostileString(limit?: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...LONE_SURROGATES),
    fc.constantFrom(...NULS),
    fc.constantFrom(...ODD_TEXT),
    fc.constantFrom(...WORDS_WITH_MEANING),
    fc.constantFrom(...INJECTIONS),
    numberText,
    fc.string({ unit: codeUnit, maxLength: 40 }),
    longString(limit),
  );
}

/** Deeply nested JSON (100 to 10,000 levels of `[` or `{"a":`), balanced (valid JSON) or left open. */
export const deepJson: fc.Arbitrary<RawJson> = fc
  .tuple(fc.constantFrom('[', '{"a":'), fc.integer({ min: 100, max: 10_000 }), fc.boolean())
  .map(([open, levels, closed]) => {
    const close = open === '[' ? ']' : '}';
    const text = open.repeat(levels) + (closed ? (open === '[' ? '' : '1') + close.repeat(levels) : '');
    return new RawJson(text, `${JSON.stringify(open)} x ${levels}${closed ? ', closed' : ', left open'}`);
  });

/** Objects whose keys poison prototypes in code that merges or assigns without care. */
export const prototypeObjects: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  objectOf([['__proto__', objectOf([['polluted', true]])]]),
  objectOf([['constructor', objectOf([['prototype', objectOf([['polluted', true]])]])]]),
  objectOf([['prototype', objectOf([['polluted', true]])]]),
  objectOf([['__proto__', null]]),
  objectOf([['__proto__', [1]]]),
);

/** An array above `maxItems` (or simply big), of strings made by `item`. */
export function hugeArray(maxItems = 1000, item: (index: number) => string = () => 'a'): fc.Arbitrary<RawJson> {
  return fc.integer({ min: maxItems + 1, max: Math.max(maxItems + 1, 5000) }).map((count) => {
    const items = Array.from({ length: count }, (_, index) => JSON.stringify(item(index)));
    return new RawJson(`[${items.join(',')}]`, `[${count} items like ${items[0]}]`);
  });
}

/** Values of the wrong JSON type, whatever the field expects (`null` is a family of its own). */
export const wrongTypes: fc.Arbitrary<Json> = fc.constantFrom<Json>(true, false, 0, -1, 1.5, '', 'a', [], [null], {}, [[]], { '': '' });

/** A hostile value for one field of a JSON body. */
export function hostileJson(limits: { maxLength?: number; maxItems?: number } = {}): fc.Arbitrary<Json> {
  // `null` twice over: where a value is expected, it is the most common way into a 500.
  return fc.oneof(
    hostileString(limits.maxLength),
    numberToken,
    { weight: 2, arbitrary: fc.constant(null) },
    wrongTypes,
    deepJson,
    prototypeObjects,
    hugeArray(limits.maxItems),
  );
}

/** A body above `BODY_LIMIT_BYTES` (1 MiB by default); rare, as each one is a megabyte on the wire. */
const oversizeBody = fc.constant(`{"x":"${'a'.repeat(1_100_000)}"}`);

/** A whole request body that is not what the route expects, mostly not even valid JSON. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: deepJson.map((raw) => raw.text) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'null',
      '[]',
      '"\\ud800"',
      '{"a":"\\udc00"}',
      '{"a":"\\u0000"}',
      'NaN',
      '9223372036854775808',
      '{',
      '{"a":1,}',
      '{"a":1,"a":2}',
      '\ufeff{}',
      '\u0000',
      '{"a":1}garbage',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}') },
  { weight: 1, arbitrary: oversizeBody },
);

const text = (values: string[]): fc.Arbitrary<UrlPart> => fc.constantFrom(...values).map((value) => ({ text: value }));
const raw = (values: string[]): fc.Arbitrary<UrlPart> => fc.constantFrom(...values).map((value) => ({ raw: value }));
const UUID = '00000000-0000-4000-8000-000000000000';

/** A path segment that is not a well-formed id: numbers, NUL, lone surrogates, traversal, near-UUIDs. */
export const hostileSegment: fc.Arbitrary<UrlPart> = fc.oneof(
  numberText.map((value) => ({ text: value })),
  fc.oneof(text(['\u0000', 'a\u0000', `${UUID}\u0000`]), raw(['%00', 'abc%00', `${UUID}%00`])),
  fc.oneof(text(['\ud800', '\udc00', 'a\udbff']), raw(['%ED%A0%80', '%ed%b0%80', '\xed\xa0\x80'])),
  text(WORDS_WITH_MEANING),
  fc.oneof(text(['.', '..', 'a/b', ' ', '']), raw(['%', '%zz', '%C0%AF', '%2e%2e', '..%2f'])),
  text(['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', `{${UUID}}`, `${UUID}0`, UUID.slice(1)]),
  longString(100).map((value) => ({ text: value.slice(0, 6000) })),
  fc.string({ unit: codeUnit, minLength: 1, maxLength: 20 }).map((value) => ({ text: value })),
);

/** A query value: the same families, written as text or as raw bytes. */
export const hostileQueryValue: fc.Arbitrary<UrlPart> = fc.oneof(
  numberText.map((value) => ({ text: value })),
  hostileString(2000).map((value) => ({ text: value.slice(0, 8000) })),
  raw(['%00', 'a%00b', '%ED%A0%80', '\xed\xa0\x80', '%', '%zz', '+', '&', '=', '%2B']),
);

/** A query value for a parameter the document types as a number: mostly numbers at their edges. */
export const hostileNumericQueryValue: fc.Arbitrary<UrlPart> = fc.oneof(
  { weight: 3, arbitrary: numberText.map((value) => ({ text: value })) },
  { weight: 1, arbitrary: hostileQueryValue },
);

/** Query names that tempt parsers into building objects or overriding what was already read. */
export const hostileQueryName: fc.Arbitrary<UrlPart> = text([
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  '',
  'a[]',
  'zzz-unknown',
  '\u0000',
  '\ud800',
]);

/** Header values, as byte strings: edge lengths, bytes beyond ASCII, control characters. */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'a'.repeat(128), 'a'.repeat(129), 'a'.repeat(10_000)),
  fc.constantFrom(utf8Bytes('\u00e9t\u00e9'), '\xe9', utf8Bytes('\ud800'), utf8Bytes('\u{1f642}')),
  fc.constantFrom('\x01', 'a\x7fb', 'a\tb', '\x1b[31m'),
  fc.constantFrom('a b', ' padded ', 'x;y', 'x,y', '../x', '<script>', '%00', '%ED%A0%80', '__proto__', UUID),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((b) => String.fromCharCode(b)), maxLength: 200 }),
);

/** `Authorization` values that are not a credential this API issued. */
export const hostileAuthorization: fc.Arbitrary<string> = fc.constantFrom(
  'Bearer ',
  'Bearer x',
  'Bearer a.b.c',
  'Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.',
  `Bearer ${'a'.repeat(10_000)}`,
  'Basic YWRtaW5AZXhhbXBsZS5jb206eA==',
  'bearer',
  'Bearer \xe9',
);

/** `Content-Type` values other than `application/json`. */
export const hostileContentType: fc.Arbitrary<string> = fc.constantFrom(
  'text/plain',
  'application/json; charset=utf-16le',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'APPLICATION/JSON',
  'application/json\t',
  'application/jsonx',
  '',
);

/** Refresh-cookie values (the credential of `/api/auth/refresh` and `/logout`). */
export const hostileCookie: fc.Arbitrary<string> = hostileHeaderValue.map((value) => `mcp_fleet_refresh=${value}`);
