/**
 * What a PostgreSQL `text` or `jsonb` value can hold: no NUL, and well-formed UTF-16 (a lone
 * surrogate cannot be encoded as UTF-8). Input that breaks this is refused with a 400 at the
 * edge; output of child processes, which we cannot refuse, is made storable instead.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export type UnstorableProblem = 'NUL' | 'LONE_SURROGATE';

export function unstorableProblem(text: string): UnstorableProblem | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) {
    return undefined;
  }
  return match[0] === '\0' ? 'NUL' : 'LONE_SURROGATE';
}

/** Replaces every NUL and lone surrogate with U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** How JSON.stringify writes a NUL or a lone surrogate (it escapes both). */
const UNSTORABLE_ESCAPE = /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

/**
 * JSON text of `value` that the database can store. The common case costs one stringify and
 * one scan of its result; only a value that holds NUL or a lone surrogate is walked and copied.
 */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return UNSTORABLE_ESCAPE.test(json) ? JSON.stringify(storableValue(value)) : json;
}

/** The same for every string (and key) inside a JSON-like value. */
export function storableValue<T>(value: T): T {
  return mapStrings(value, storableText) as T;
}

export interface UnstorableField {
  /** Dotted path (`config.env.NAME`), `` for the value itself. */
  field: string;
  problem: UnstorableProblem;
}

/** The first string or key inside `value` that the database cannot store. */
export function findUnstorable(value: unknown, path = ''): UnstorableField | undefined {
  if (typeof value === 'string') {
    const problem = unstorableProblem(value);
    return problem && { field: path, problem };
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorable(value[index], join(path, String(index)));
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableProblem(key);
      if (keyProblem) {
        return { field: join(path, storableText(key)), problem: keyProblem };
      }
      const found = findUnstorable(item, join(path, key));
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

export function describeUnstorable(problem: UnstorableProblem): string {
  return problem === 'NUL' ? 'must not contain NUL characters' : 'must be well-formed Unicode (no lone UTF-16 surrogates)';
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') {
    return map(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => mapStrings(item, map));
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]));
  }
  return value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
