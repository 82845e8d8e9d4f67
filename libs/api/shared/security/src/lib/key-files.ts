import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parseKey } from './secret-box';

/** `key32`: a 32-byte key (hex or base64). `secret`: any text of at least 32 characters, used as its UTF-8 bytes. */
export type KeyFormat = 'key32' | 'secret';

export interface LoadKeyOptions {
  /** File name inside dataDir, for example `secrets.key` or `jwt.secret`. */
  name: string;
  dataDir: string;
  /** Value of the matching environment variable; empty counts as unset. */
  fromEnv?: string;
  format?: KeyFormat;
  /** Random bytes in a generated key: 32 for `key32`; at least 24 for `secret` (32 base64url characters). */
  bytes?: number;
}

export interface LoadedKey {
  key: Buffer;
  source: 'env' | 'file' | 'generated';
}

const MIN_SECRET_LENGTH = 32;
const MIN_SECRET_BYTES = 24;
/** Group and other permission bits: none may be set on a key file. */
const LOOSE_BITS = 0o077;

/**
 * Key material for embedded mode: the environment wins; otherwise `<dataDir>/<name>`,
 * created on first use. Errors name the file or variable, never the key.
 */
export function loadOrCreateKey(options: LoadKeyOptions): LoadedKey {
  const format = options.format ?? 'key32';
  const bytes = options.bytes ?? 32;
  if (format === 'key32' && bytes !== 32) throw new RangeError('A key32 key is always 32 bytes');
  if (format === 'secret' && bytes < MIN_SECRET_BYTES) {
    throw new RangeError(`A generated secret needs at least ${MIN_SECRET_BYTES} bytes`);
  }
  if (options.name === '' || options.name !== path.basename(options.name) || options.name.startsWith('.')) {
    throw new Error(`Key file name "${options.name}" must be a plain file name`);
  }

  const fromEnv = options.fromEnv?.trim();
  if (fromEnv) {
    const key = decode(fromEnv, format);
    if (!key) throw new Error(`The environment value for ${options.name} is malformed (${expectation(format)})`);
    return { key, source: 'env' };
  }

  const file = path.join(options.dataDir, options.name);
  const existing = readKeyFile(file, format);
  if (existing) return { key: existing, source: 'file' };

  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const text = format === 'key32' ? randomBytes(32).toString('hex') : randomBytes(bytes).toString('base64url');
  if (!publishFile(file, `${text}\n`)) {
    // Another process created the file first: use its key, or data sealed by one of us would be lost.
    const theirs = readKeyFile(file, format);
    if (!theirs) throw new Error(`Key file ${file} disappeared while it was being created`);
    return { key: theirs, source: 'file' };
  }
  const key = decode(text, format);
  if (!key) throw new Error(`Generated key for ${file} did not parse`);
  return { key, source: 'generated' };
}

function decode(text: string, format: KeyFormat): Buffer | undefined {
  if (format === 'secret') return text.length >= MIN_SECRET_LENGTH ? Buffer.from(text, 'utf8') : undefined;
  try {
    return parseKey(text);
  } catch {
    return undefined;
  }
}

function expectation(format: KeyFormat): string {
  return format === 'key32' ? 'expected 64 hex characters or base64 of 32 bytes' : `expected at least ${MIN_SECRET_LENGTH} characters`;
}

/** The key in `file`, or undefined when there is no such file. Tightens loose permissions on the way. */
function readKeyFile(file: string, format: KeyFormat): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw new Error(`Key file ${file} could not be opened (${errnoCode(error)})`);
  }
  try {
    // fstat/fchmod on the open descriptor act on the file that is read, even if the path is swapped meanwhile.
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error(`Key file ${file} is not a regular file`);
    if ((stat.mode & LOOSE_BITS) !== 0) fs.fchmodSync(fd, 0o600);
    const key = decode(fs.readFileSync(fd, 'utf8').trim(), format);
    if (!key) throw new Error(`Key file ${file} is malformed (${expectation(format)})`);
    return key;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `content` to `file` only if it does not exist yet, never exposing a partial
 * or world-readable file: a private temp file is filled, synced, then hard-linked into
 * place (link fails if the name is taken, unlike rename). Returns false when it was taken.
 */
function publishFile(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false;
    // Some filesystems (network and FUSE mounts) have no hard links: fall back to rename.
    fs.renameSync(temp, file);
    syncDirectory(path.dirname(file));
    return true;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncDirectory(path.dirname(file));
  return true;
}

/** Makes the new directory entry durable; not every platform can open a directory, which is fine. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Durability is best effort here; the key is already in place.
  }
}

/** Not `instanceof Error`: errors from Node's core can come from another realm (as under Jest). */
function errnoCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
}

function isErrnoCode(error: unknown, code: string): boolean {
  return errnoCode(error) === code;
}
