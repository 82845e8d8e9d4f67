import { isSecretValue, type ServerConfig } from '@mcp-fleet/shared/contracts';

import { secretForms } from './secret-forms';

export const REDACTED = '***';
/** Shorter values (`1`, `yes`) would mask ordinary words all over the log. */
export const MIN_SECRET_LENGTH = 4;
/** A word of a multi-word secret (`Bearer <token>`) is masked alone when at least this long: the token leaks without its scheme. */
const MIN_WORD_LENGTH = 8;
/** The shortest piece of a secret masked at a cut edge. */
const MIN_FRAGMENT = 4;
/** What StdioProcess appends to a line it cut at MAX_LINE. */
const CUT = '…';

/**
 * The values to mask in a server's logs: those stored as secrets (sealed) in env and headers.
 * Plain values (`LOG_LEVEL=debug`) are visible in the config anyway and would mangle the log.
 */
export function secretValuesOf(
  config: Pick<ServerConfig, 'env' | 'headers'>,
  opened: { env: Record<string, string>; headers: Record<string, string> },
): string[] {
  const values: string[] = [];
  for (const field of ['env', 'headers'] as const) {
    for (const [name, stored] of Object.entries(config[field] ?? {})) {
      const value = opened[field][name];
      if (isSecretValue(stored) && value !== undefined) {
        values.push(value);
      }
    }
  }
  return values;
}

/**
 * Masks a run's known secret values, in every form secretForms knows, wherever a child's
 * output leaves the runtime: log lines (including the piece of a secret left at a cut),
 * failure messages and details, tool results, error messages and the catalog.
 */
export class Redactor {
  private readonly secrets: string[];
  private readonly pattern: RegExp | undefined;

  constructor(values: readonly string[]) {
    const set = new Set<string>();
    for (const value of values) {
      if (value.length >= MIN_SECRET_LENGTH) {
        set.add(value);
      }
      for (const word of value.split(/\s+/)) {
        if (word.length >= MIN_WORD_LENGTH) {
          set.add(word);
        }
      }
    }
    // Longest first: a secret containing another is masked whole.
    this.secrets = [...set].sort((a, b) => b.length - a.length);
    this.pattern = this.secrets.length > 0 ? new RegExp(this.secrets.flatMap(secretForms).join('|'), 'g') : undefined;
  }

  /** Whether there is anything to mask (a server without secrets costs nothing). */
  get active(): boolean {
    return this.pattern !== undefined;
  }

  /** Every string (and key) inside a JSON-like value, for results and details. */
  redactDeep<T>(value: T): T {
    if (!this.pattern) {
      return value;
    }
    return this.deep(value) as T;
  }

  private deep(value: unknown): unknown {
    if (typeof value === 'string') {
      return this.redact(value);
    }
    if (Array.isArray(value)) {
      return value.map((item) => this.deep(item));
    }
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.deep(item)]));
    }
    return value;
  }

  /**
   * `afterCut`: the previous line was cut at MAX_LINE, so this one may begin with the rest of a
   * secret that straddled the cut.
   */
  redact(line: string, afterCut = false): string {
    if (!this.pattern) {
      return line;
    }
    let out = line.replace(this.pattern, REDACTED);
    if (out.endsWith(CUT)) {
      out = this.maskEdge(out.slice(0, -CUT.length), 'end') + CUT;
    }
    return afterCut ? this.maskEdge(out, 'start') : out;
  }

  private maskEdge(text: string, edge: 'start' | 'end'): string {
    for (const secret of this.secrets) {
      for (let k = secret.length - 1; k >= MIN_FRAGMENT; k--) {
        if (edge === 'end' && text.endsWith(secret.slice(0, k))) {
          return text.slice(0, -k) + REDACTED;
        }
        if (edge === 'start' && text.startsWith(secret.slice(-k))) {
          return REDACTED + text.slice(k);
        }
      }
    }
    return text;
  }
}

export function isCut(line: string): boolean {
  return line.endsWith(CUT);
}
