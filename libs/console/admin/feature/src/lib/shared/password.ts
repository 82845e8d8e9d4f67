import { AUTH_LIMITS } from '@mcp-fleet/shared/contracts';

/** Letters, digits and a few symbols, without look-alikes (0/O, 1/l/I) so a password can be read out. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!@#%+=';

export const GENERATED_PASSWORD_LENGTH = Math.max(20, AUTH_LIMITS.passwordMinLength);

/**
 * A random password from the browser's CSPRNG. Bytes at or above the largest multiple of the
 * alphabet size are dropped, so every character is equally likely (no modulo bias).
 */
export function generatePassword(length = GENERATED_PASSWORD_LENGTH, source: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const limit = 256 - (256 % ALPHABET.length);
  let password = '';
  while (password.length < length) {
    for (const byte of source.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && password.length < length) {
        password += ALPHABET[byte % ALPHABET.length];
      }
    }
  }
  return password;
}
