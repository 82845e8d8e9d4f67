import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix that makes API tokens recognisable (secret scanners, logs) and tells them from JWTs. */
export const API_TOKEN_PREFIX = 'mcpf_';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
