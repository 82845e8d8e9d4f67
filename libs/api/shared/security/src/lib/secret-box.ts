import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretBoxErrorReason = 'malformed' | 'unauthenticated';

/**
 * A sealed value could not be opened. The message never includes the sealed text or
 * the plaintext: both end up in logs through error reporting.
 */
export class SecretBoxError extends Error {
  constructor(readonly reason: SecretBoxErrorReason) {
    super(
      reason === 'malformed'
        ? 'Sealed secret is malformed'
        : 'Sealed secret could not be opened: wrong key, wrong context, or tampered with',
    );
    this.name = 'SecretBoxError';
  }
}

/**
 * AES-256-GCM for secrets at rest, as `v1.<iv>.<ciphertext>.<tag>` (base64url parts).
 * The optional AAD names where a value belongs (for example `serverId:env:NAME`), so a
 * sealed value copied to another place does not open there. No AAD and an empty AAD
 * are the same to GCM.
 */
export class SecretBox {
  // A private field keeps the key out of console.log, JSON and test snapshots of the box.
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new RangeError(`SecretBox key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string, aad = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, aad = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('malformed');
    const iv = decodePart(parts[1]);
    const ciphertext = decodePart(parts[2]);
    const tag = decodePart(parts[3]);
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('malformed');

    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('unauthenticated');
    }
  }
}

/**
 * Reads a 32-byte key written as 64 hex characters or as base64/base64url (padding
 * optional). Surrounding whitespace, such as a file's final newline, is ignored.
 */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const unpadded = trimmed.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const key = Buffer.from(unpadded, 'base64url');
    // Only the canonical spelling: the last character's spare bits must be zero.
    if (key.length === KEY_BYTES && key.toString('base64url') === unpadded) return key;
  }
  throw new Error(`Key must be ${KEY_BYTES * 2} hex characters or base64 of ${KEY_BYTES} bytes`);
}

/** Strict base64url: Node's decoder skips unknown characters and spare bits, so a tampered part could still decode. */
function decodePart(part: string | undefined): Buffer {
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part)) throw new SecretBoxError('malformed');
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new SecretBoxError('malformed');
  return bytes;
}
