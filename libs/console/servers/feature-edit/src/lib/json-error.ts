/** Where a JSON text first goes wrong, in words a person can act on. */
export interface JsonProblem {
  message: string;
  /** Zero-based offset into the text. */
  position: number;
  /** One-based line and column of `position`. */
  line: number;
  column: number;
}

class JsonFault extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * A validating scan of the JSON grammar that stops at the first fault. `JSON.parse` says
 * that a text is invalid, but its message differs between engines and often names no
 * position; pasted configs break in a few typical ways (trailing commas, single quotes,
 * unquoted keys, comments) that deserve a precise pointer.
 */
class JsonScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  scan(): void {
    this.value();
    this.whitespace();
    if (this.pos < this.text.length) {
      this.fail('Unexpected text after the end of the JSON value');
    }
  }

  private value(): void {
    this.whitespace();
    const char = this.text[this.pos];
    switch (char) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true');
      case 'f':
        return this.literal('false');
      case 'n':
        return this.literal('null');
      default:
        if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
          return this.number();
        }
        return this.fail(this.unexpected('a value'));
    }
  }

  private object(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      const char = this.text[this.pos];
      if (char === '}') {
        this.fail('Trailing comma before "}" is not allowed in JSON');
      }
      if (char !== '"') {
        this.fail(this.unexpected('a property name in double quotes'));
      }
      this.string();
      this.whitespace();
      if (this.text[this.pos] !== ':') {
        this.fail(this.unexpected('":" after the property name'));
      }
      this.pos++;
      this.value();
      this.whitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return;
      }
      this.fail(this.unexpected('"," or "}"'));
    }
  }

  private array(): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] === ']') {
        this.fail('Trailing comma before "]" is not allowed in JSON');
      }
      this.value();
      this.whitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return;
      }
      this.fail(this.unexpected('"," or "]"'));
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) {
        this.fail('Unterminated string', start);
      }
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('Invalid \\u escape: expected four hex digits');
          }
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !ESCAPES.has(escape)) {
          this.fail(`Invalid escape "\\${escape ?? ''}" in a string`);
        }
        this.pos += 2;
        continue;
      }
      if (char < ' ') {
        this.fail('Line break or control character inside a string (write it as \\n)');
      }
      this.pos++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match || match[0] === '-') {
      this.fail('Invalid number');
    }
    this.pos += match[0].length;
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.pos)) {
      this.fail(this.unexpected('a value'));
    }
    this.pos += word.length;
  }

  private whitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) {
      this.pos++;
    }
    if (this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos)) {
      this.fail('Comments are not allowed in JSON');
    }
  }

  private unexpected(expected: string): string {
    const char = this.text[this.pos];
    if (char === undefined) {
      return `Unexpected end of input: expected ${expected}`;
    }
    if (char === "'") {
      return 'Strings and property names need double quotes, not single quotes';
    }
    if (/[A-Za-z_$]/.test(char) && expected.includes('property name')) {
      return 'Property names must be in double quotes';
    }
    return `Unexpected "${char}": expected ${expected}`;
  }

  private fail(message: string, position = this.pos): never {
    throw new JsonFault(message, position);
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Null when the text is valid JSON, else the first fault and where it is. */
export function findJsonProblem(text: string): JsonProblem | null {
  try {
    new JsonScanner(text).scan();
    return null;
  } catch (error) {
    if (error instanceof JsonFault) {
      return { message: error.message, position: error.position, ...lineAndColumn(text, error.position) };
    }
    throw error;
  }
}
