import { type RawRequest, requestBytes } from './raw-http';

/** Bodies up to this size are written inline; larger ones are rebuilt by a short `node -e` expression. */
const INLINE_BODY_MAX = 2000;
/** The byte-exact replay is printed up to this size (base64 of the whole request). */
const RAW_REPLAY_MAX = 64 * 1024;

/**
 * Commands a developer can paste to send the same request again: a curl command (readable;
 * credentials as `$ADMIN_TOKEN` / `$VIEWER_TOKEN`), and a byte-exact replay over a socket, since
 * curl tidies some inputs (it may refuse control characters in a URL, for example).
 */
export function reproduction(baseUrl: string, request: RawRequest, tokens: Record<string, string>): string {
  const args = ['curl', '-sS', '-i', '--path-as-is', '-g', '-X', request.method, bashQuote(`${baseUrl}${request.target}`)];
  for (const [name, value] of request.headers) {
    if (name === 'content-length') {
      continue;
    }
    const named = Object.entries(tokens).find(([, token]) => value === `Bearer ${token}`);
    if (named) {
      args.push('-H', `"${name}: Bearer $${named[0]}"`);
    } else {
      args.push('-H', bashQuote(value === '' ? `${name};` : `${name}: ${value}`));
    }
  }
  let curl: string;
  if (!request.body) {
    curl = args.join(' ');
  } else if (request.body.length <= INLINE_BODY_MAX) {
    curl = [...args, '--data-binary', bashQuote(request.body.toString('latin1'))].join(' ');
  } else {
    curl = `node -e ${bashQuote(`process.stdout.write(Buffer.from(${compactExpression(request.body.toString('latin1'))}, 'latin1'))`)} | ${[...args, '--data-binary', '@-'].join(' ')}`;
  }
  const lines = [curl];
  const url = new URL(baseUrl);
  const raw = requestBytes(url.host, request);
  if (raw.length <= RAW_REPLAY_MAX) {
    lines.push(
      'byte-exact (credentials as they were in that run):',
      `node -e "require('net').connect(${url.port}, '${url.hostname}', function () { this.end(Buffer.from('${raw.toString('base64')}', 'base64')) }).pipe(process.stdout)"`,
    );
  }
  return lines.join('\n');
}

/** `$'…'` quoting: every byte outside printable ASCII as `\xHH`, so the shell passes it through. */
export function bashQuote(bytes: string): string {
  let out = "$'";
  for (const char of bytes) {
    const code = char.charCodeAt(0);
    if (char === "'" || char === '\\') {
      out += `\\${char}`;
    } else if (code >= 0x20 && code < 0x7f) {
      out += char;
    } else {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    }
  }
  return `${out}'`;
}

/**
 * A JavaScript expression (ASCII only) that evaluates to `text`, with runs of a repeated unit of
 * up to 8 characters written as `.repeat(n)`: 10,000 levels of `[` become `"[".repeat(10000)`.
 */
export function compactExpression(text: string): string {
  const parts: string[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const run = longestRun(text, index);
    if (run && run.count >= 8) {
      if (literal) {
        parts.push(asciiLiteral(literal));
        literal = '';
      }
      parts.push(`${asciiLiteral(run.unit)}.repeat(${run.count})`);
      index += run.unit.length * run.count;
    } else {
      literal += text[index];
      index += 1;
    }
  }
  if (literal || parts.length === 0) {
    parts.push(asciiLiteral(literal));
  }
  return parts.join('+');
}

function longestRun(text: string, start: number): { unit: string; count: number } | undefined {
  let best: { unit: string; count: number } | undefined;
  for (let period = 1; period <= 8 && start + period <= text.length; period++) {
    const unit = text.slice(start, start + period);
    let count = 1;
    while (text.startsWith(unit, start + count * period)) {
      count += 1;
    }
    if (!best || count * period > best.count * best.unit.length) {
      best = { unit, count };
    }
  }
  return best;
}

function asciiLiteral(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
