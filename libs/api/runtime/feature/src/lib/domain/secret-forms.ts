/**
 * The shapes a secret takes once a program prints it: as it is, JSON-escaped, URL-encoded,
 * base64 (and base64url) at any of the three byte alignments inside a longer encoded text, and
 * hex. Each form is a regular-expression source; the redactor masks every match.
 */

/** Encoded forms shorter than this would mask ordinary words. */
const MIN_ENCODED_LENGTH = 8;

export function secretForms(secret: string): string[] {
  const forms = new Set<string>([escapeRegExp(secret), urlEncoded(secret)]);
  for (const escaped of jsonEscaped(secret)) {
    forms.add(escapeRegExp(escaped));
  }
  const bytes = Buffer.from(secret, 'utf8');
  for (const core of base64Cores(bytes)) {
    if (core.length >= MIN_ENCODED_LENGTH) {
      forms.add(escapeRegExp(core));
      forms.add(escapeRegExp(core.replace(/\+/g, '-').replace(/\//g, '_')));
    }
  }
  const hex = bytes.toString('hex');
  if (hex.length >= MIN_ENCODED_LENGTH) {
    forms.add(caseless(hex));
  }
  return [...forms];
}

/** `"` and `\` escaped, control characters as `\n` or `\u00XX`, and optionally all non-ASCII as `\uXXXX`. */
function jsonEscaped(secret: string): string[] {
  const standard = JSON.stringify(secret).slice(1, -1);
  const ascii = standard.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [standard, ascii];
}

/**
 * Each character as itself or percent-encoded (either hex case), a space also as `+`: one
 * pattern for `encodeURIComponent`, form encoding and partial encodings alike.
 */
function urlEncoded(secret: string): string {
  return [...secret]
    .map((char) => {
      const percent = [...Buffer.from(char, 'utf8')]
        .map((byte) => `%${caseless(byte.toString(16).toUpperCase().padStart(2, '0'))}`)
        .join('');
      const alternatives = [escapeRegExp(char), percent, ...(char === ' ' ? ['\\+'] : [])];
      return `(?:${alternatives.join('|')})`;
    })
    .join('');
}

/**
 * Base64 of the secret as it appears inside a longer base64 text: with 0, 1 or 2 bytes before
 * it, the characters that depend on the secret's bytes alone (those straddling a neighbour
 * byte are left out, so a line printed as `export KEY="..."` and encoded whole is caught).
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length)) / 6);
    cores.push(encoded.slice(first, last));
  }
  return cores;
}

/** Letters match in either case (hex digits and percent escapes are written both ways). */
function caseless(text: string): string {
  return text.replace(/[a-fA-F]/g, (char) => `[${char.toLowerCase()}${char.toUpperCase()}]`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
