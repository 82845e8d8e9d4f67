import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { loadOrCreateKey } from './key-files';
import { parseKey } from './secret-box';

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('loadOrCreateKey', () => {
  let root: string;
  let dataDir: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-fleet-keys-'));
    dataDir = path.join(root, 'data', 'nested');
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('generates a private key file, then loads the same key from it', () => {
    const first = loadOrCreateKey({ name: 'secrets.key', dataDir });
    const file = path.join(dataDir, 'secrets.key');

    expect(first.source).toBe('generated');
    expect(first.key).toHaveLength(32);
    expect(mode(file)).toBe(0o600);
    expect(mode(dataDir)).toBe(0o700);
    expect(parseKey(fs.readFileSync(file, 'utf8')).equals(first.key)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['secrets.key']); // no temp file left behind

    const second = loadOrCreateKey({ name: 'secrets.key', dataDir });

    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('generates a different key in each data directory', () => {
    const a = loadOrCreateKey({ name: 'secrets.key', dataDir: path.join(root, 'a') });
    const b = loadOrCreateKey({ name: 'secrets.key', dataDir: path.join(root, 'b') });

    expect(a.key.equals(b.key)).toBe(false);
  });

  it('prefers the environment and then writes no file', () => {
    const fromEnv = randomBytes(32);

    const loaded = loadOrCreateKey({ name: 'secrets.key', dataDir, fromEnv: fromEnv.toString('base64') });

    expect(loaded.source).toBe('env');
    expect(loaded.key.equals(fromEnv)).toBe(true);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('prefers the environment over an existing file and leaves the file alone', () => {
    const onDisk = loadOrCreateKey({ name: 'secrets.key', dataDir });
    const file = path.join(dataDir, 'secrets.key');
    const before = fs.readFileSync(file, 'utf8');
    const fromEnv = randomBytes(32);

    const loaded = loadOrCreateKey({ name: 'secrets.key', dataDir, fromEnv: fromEnv.toString('hex') });

    expect(loaded).toEqual({ key: fromEnv, source: 'env' });
    expect(loaded.key.equals(onDisk.key)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('treats an empty environment value as unset', () => {
    expect(loadOrCreateKey({ name: 'secrets.key', dataDir, fromEnv: '  ' }).source).toBe('generated');
  });

  it('refuses a malformed environment value without echoing it', () => {
    const fromEnv = 'not-a-key-but-a-password';

    expect(() => loadOrCreateKey({ name: 'secrets.key', dataDir, fromEnv })).toThrow(
      'The environment value for secrets.key is malformed (expected 64 hex characters or base64 of 32 bytes)',
    );
  });

  it('tightens a key file that others can read, and still loads it', () => {
    const key = randomBytes(32);
    const file = path.join(dataDir, 'secrets.key');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${key.toString('hex')}\n`);
    fs.chmodSync(file, 0o644);

    const loaded = loadOrCreateKey({ name: 'secrets.key', dataDir });

    expect(loaded.source).toBe('file');
    expect(loaded.key.equals(key)).toBe(true);
    expect(mode(file)).toBe(0o600);
  });

  it('leaves a key file that is already private as it is', () => {
    const file = path.join(dataDir, 'secrets.key');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'));
    fs.chmodSync(file, 0o400);

    expect(loadOrCreateKey({ name: 'secrets.key', dataDir }).source).toBe('file');
    expect(mode(file)).toBe(0o400);
  });

  it.each([
    ['text', 'this is not a key'],
    ['empty', ''],
    ['short hex', 'abcdef'],
  ])('throws on a malformed key file (%s), naming the file but not its content', (_label, content) => {
    const file = path.join(dataDir, 'secrets.key');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o600 });

    let message = '';
    try {
      loadOrCreateKey({ name: 'secrets.key', dataDir });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toBe(`Key file ${file} is malformed (expected 64 hex characters or base64 of 32 bytes)`);
    expect(fs.readFileSync(file, 'utf8')).toBe(content); // not replaced by a fresh key
  });

  it('throws when the key path is not a regular file', () => {
    fs.mkdirSync(path.join(dataDir, 'secrets.key'), { recursive: true });

    expect(() => loadOrCreateKey({ name: 'secrets.key', dataDir })).toThrow(/is not a regular file/);
  });

  it.each(['../secrets.key', 'sub/secrets.key', '', '.', '..'])('refuses the file name %j', (name) => {
    expect(() => loadOrCreateKey({ name, dataDir })).toThrow(/must be a plain file name/);
  });

  describe('secret format', () => {
    it('generates a secret of at least 32 characters and reloads it', () => {
      const first = loadOrCreateKey({ name: 'jwt.secret', dataDir, format: 'secret' });
      const second = loadOrCreateKey({ name: 'jwt.secret', dataDir, format: 'secret' });

      expect(first.source).toBe('generated');
      expect(first.key.toString('utf8')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(fs.readFileSync(path.join(dataDir, 'jwt.secret'), 'utf8')).toBe(`${first.key.toString('utf8')}\n`);
      expect(second).toEqual({ key: first.key, source: 'file' });
    });

    it('sizes a generated secret by bytes', () => {
      const loaded = loadOrCreateKey({ name: 'jwt.secret', dataDir, format: 'secret', bytes: 48 });

      expect(loaded.key.toString('utf8')).toHaveLength(64);
    });

    it('accepts any environment secret of at least 32 characters', () => {
      const secret = 'a passphrase that is long enough!';

      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(loadOrCreateKey({ name: 'jwt.secret', dataDir, format: 'secret', fromEnv: secret })).toEqual({
        key: Buffer.from(secret, 'utf8'),
        source: 'env',
      });
    });

    it('refuses a short environment secret or file', () => {
      expect(() => loadOrCreateKey({ name: 'jwt.secret', dataDir, format: 'secret', fromEnv: 'x'.repeat(31) })).toThrow(
        /environment value for jwt\.secret is malformed/,
      );

      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'jwt.secret'), 'short\n');

      expect(() => loadOrCreateKey({ name: 'jwt.secret', dataDir, format: 'secret' })).toThrow(/jwt\.secret is malformed/);
    });
  });

  it.each([[{ format: 'key32' as const, bytes: 16 }], [{ format: 'secret' as const, bytes: 16 }]])(
    'refuses a key size that would not meet its format (%j)',
    (options) => {
      expect(() => loadOrCreateKey({ name: 'k', dataDir, ...options })).toThrow(RangeError);
      expect(fs.existsSync(dataDir)).toBe(false);
    },
  );
});
