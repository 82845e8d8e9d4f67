/**
 * What a generated case is: a request described in terms the generator can shrink, with the
 * ids of fixtures left as references (resolved when the case is sent, because fixtures can be
 * replaced between operations while a seed must keep describing the same case).
 */
export type Persona = 'anonymous' | 'viewer' | 'admin';

/** Fixtures a case may point at; see fuzz-harness.ts for what each one is and why. */
export type RefKey = 'server.live' | 'server.idle' | 'user.target' | 'token.seeded' | 'server.version';

export class Ref {
  constructor(readonly key: RefKey) {}
  toString(): string {
    return `<${this.key}>`;
  }
}

/**
 * JSON text that cannot come from a JS value: numbers beyond double precision
 * (`9223372036854775808`), literals JSON does not have (`NaN`), nesting too deep to build
 * as an object tree. Written out verbatim.
 */
export class RawJson {
  constructor(
    readonly text: string,
    /** Short description for reports (the text can be 20,000 characters of `[`). */
    readonly label = text,
  ) {}
  toString(): string {
    return this.label;
  }
}

export type Json = null | boolean | number | string | RawJson | Ref | Json[] | { [key: string]: Json };

/**
 * A piece of a URL. `text` is percent-encoded when sent (lone surrogates as WTF-8 bytes, which
 * is what a client that does not check its input sends); `raw` goes on the wire byte for byte
 * (each character is one byte, as in a latin1 string), for `%00` and unencoded bytes.
 */
export type UrlPart = { text: string } | { raw: string } | { ref: RefKey };

export type Body = { json: Json } | { text: string };

export interface FuzzCase {
  persona: Persona;
  path: Record<string, UrlPart>;
  query: [UrlPart, UrlPart][];
  /** Header name and value as a byte string (one character per byte). Added after the persona's. */
  headers: [string, string][];
  body?: Body;
}

/** Serialises `value` to JSON text, writing `RawJson` verbatim and resolving `Ref`s. */
export function jsonText(value: Json, resolve: (ref: Ref) => Json): string {
  if (value instanceof RawJson) {
    return value.text;
  }
  if (value instanceof Ref) {
    return jsonText(resolve(value), resolve);
  }
  if (value === null || typeof value !== 'object') {
    // JSON.stringify escapes lone surrogates (`"\ud800"`) and NUL (`"\u0000"`), as intended.
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => jsonText(item, resolve)).join(',')}]`;
  }
  // Own keys, so a `__proto__` key made with defineProperty is written like any other.
  return `{${Object.keys(value)
    .map((key) => `${JSON.stringify(key)}:${jsonText(value[key], resolve)}`)
    .join(',')}}`;
}

/** An object with exactly these own keys, `__proto__` included (a literal would set the prototype). */
export function objectOf(entries: [string, Json][]): { [key: string]: Json } {
  const result: { [key: string]: Json } = {};
  for (const [key, value] of entries) {
    Object.defineProperty(result, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** The bytes of `text` in a URL: ASCII unreserved as is, everything else as %XX of its UTF-8 (WTF-8). */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    if (/^[A-Za-z0-9\-._~]$/.test(char)) {
      out += char;
      continue;
    }
    for (const byte of wtf8(char)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** UTF-8 bytes of one code point, lone surrogates included (which UTF-8 proper cannot encode). */
export function wtf8(char: string): number[] {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) {
    return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
  }
  return [...Buffer.from(char, 'utf8')];
}

/** A byte string (one character per byte) of `text` in UTF-8, for raw URL parts and header values. */
export function utf8Bytes(text: string): string {
  return Buffer.from([...text].flatMap(wtf8)).toString('latin1');
}
