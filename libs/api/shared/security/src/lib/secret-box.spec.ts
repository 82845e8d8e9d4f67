import { randomBytes } from 'node:crypto';

import { parseKey, SecretBox, SecretBoxError } from './secret-box';

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

function expectSecretBoxError(action: () => unknown, reason: SecretBoxError['reason']): SecretBoxError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SecretBoxError);
  expect((caught as SecretBoxError).reason).toBe(reason);
  return caught as SecretBoxError;
}

/** A different character of the base64url alphabet, also valid where the original was. */
function otherChar(char: string): string {
  return char === 'A' ? 'B' : 'A';
}

describe('SecretBox', () => {
  const box = new SecretBox(KEY);

  it.each([
    ['ascii', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['empty', ''],
    ['unicode', 'pässwörd 🔑 ключ 鍵'],
    ['long', 'x'.repeat(100_000)],
  ])('round-trips %s text', (_label, plaintext) => {
    expect(box.open(box.seal(plaintext))).toBe(plaintext);
    expect(box.open(box.seal(plaintext, 'srv-1:env:TOKEN'), 'srv-1:env:TOKEN')).toBe(plaintext);
  });

  it('writes v1.<12-byte iv>.<ciphertext>.<16-byte tag> in base64url', () => {
    const sealed = box.seal('hello');
    const [version, iv, ciphertext, tag] = sealed.split('.');

    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/);
    expect(version).toBe('v1');
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(ciphertext ?? '', 'base64url')).toHaveLength(5);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(sealed).not.toContain('hello');
  });

  it('uses a fresh IV each time', () => {
    const sealed = Array.from({ length: 50 }, () => box.seal('same'));
    const ivs = sealed.map((value) => value.split('.')[1]);

    expect(new Set(sealed).size).toBe(50);
    expect(new Set(ivs).size).toBe(50);
  });

  it('refuses a value whose any single character was changed', () => {
    const sealed = box.seal('tamper me', 'ctx');

    for (let i = 0; i < sealed.length; i++) {
      if (sealed[i] === '.') continue;
      const tampered = sealed.slice(0, i) + otherChar(sealed[i] ?? '') + sealed.slice(i + 1);
      expect(() => box.open(tampered, 'ctx')).toThrow(SecretBoxError);
    }
  });

  it('refuses a part spelled with spare bits set, though it decodes to the same bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const [version, iv, ciphertext, tag = ''] = box.seal('secret').split('.');
    // 16 bytes take 22 characters, so the last one carries 4 spare bits; flip the lowest.
    const last = alphabet.indexOf(tag.slice(-1));
    const respelled = `${tag.slice(0, -1)}${alphabet[last ^ 1] ?? ''}`;

    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(tag, 'base64url'))).toBe(true);
    expectSecretBoxError(() => box.open([version, iv, ciphertext, respelled].join('.')), 'malformed');
  });

  it.each([
    ['swapped ciphertext', (p: string[]) => [p[0], p[1], Buffer.from('other').toString('base64url'), p[3]]],
    ['truncated tag', (p: string[]) => [p[0], p[1], p[2], p[3]?.slice(0, 16)]],
    ['missing part', (p: string[]) => p.slice(0, 3)],
    ['extra part', (p: string[]) => [...p, 'AAAA']],
    ['other version', (p: string[]) => ['v2', ...p.slice(1)]],
    ['standard base64 characters', (p: string[]) => [p[0], `${p[1]?.slice(0, -1)}+`, p[2], p[3]]],
    ['padding', (p: string[]) => [p[0], p[1], p[2], `${p[3]}==`]],
  ])('refuses a value with %s', (_label, edit) => {
    const parts = box.seal('secret').split('.');
    const edited = edit(parts).join('.');

    expect(() => box.open(edited)).toThrow(SecretBoxError);
  });

  it('refuses text that is not a sealed value', () => {
    for (const value of ['', 'plain', 'v1', 'v1...', 'v1.a.b.c']) {
      expectSecretBoxError(() => box.open(value), 'malformed');
    }
  });

  it('refuses a value sealed under another key', () => {
    const other = new SecretBox(randomBytes(32));

    expectSecretBoxError(() => other.open(box.seal('secret')), 'unauthenticated');
  });

  it('binds a value to its AAD', () => {
    const sealed = box.seal('secret', 'srv-1:env:TOKEN');

    expectSecretBoxError(() => box.open(sealed, 'srv-2:env:TOKEN'), 'unauthenticated');
    expectSecretBoxError(() => box.open(sealed, 'srv-1:header:TOKEN'), 'unauthenticated');
    expectSecretBoxError(() => box.open(sealed), 'unauthenticated');
    expectSecretBoxError(() => box.open(box.seal('secret'), 'srv-1:env:TOKEN'), 'unauthenticated');
  });

  it('never echoes the plaintext or the sealed value in errors', () => {
    const sealed = box.seal('hunter2-super-secret', 'a');
    const error = expectSecretBoxError(() => box.open(sealed, 'b'), 'unauthenticated');
    const malformed = expectSecretBoxError(() => box.open(`${sealed}x`), 'malformed');

    for (const message of [error.message, malformed.message, String(error.stack)]) {
      expect(message).not.toContain('hunter2');
      expect(message).not.toContain(sealed.split('.')[2]);
    }
    expect(error.name).toBe('SecretBoxError');
  });

  it.each([0, 16, 31, 33, 64])('rejects a %i-byte key', (length) => {
    expect(() => new SecretBox(Buffer.alloc(length))).toThrow(RangeError);
  });

  it('keeps its own copy of the key', () => {
    const key = Buffer.from(KEY);
    const own = new SecretBox(key);
    const sealed = own.seal('secret');

    key.fill(0);

    expect(own.open(sealed)).toBe('secret');
  });

  it('does not expose the key through enumeration or JSON', () => {
    expect(JSON.stringify(box)).toBe('{}');
    expect(Object.values(box)).toEqual([]);
  });
});

describe('parseKey', () => {
  it.each([
    ['hex', KEY.toString('hex')],
    ['uppercase hex', KEY.toString('hex').toUpperCase()],
    ['base64', KEY.toString('base64')],
    ['unpadded base64', KEY.toString('base64').replace(/=$/, '')],
    ['base64url', KEY.toString('base64url')],
    ['hex with a trailing newline', `${KEY.toString('hex')}\n`],
  ])('reads %s', (_label, text) => {
    expect(parseKey(text).equals(KEY)).toBe(true);
  });

  it('reads base64 whose standard and url-safe alphabets differ', () => {
    const key = Buffer.alloc(32, 0xfb); // encodes to "+/"-heavy base64

    expect(key.toString('base64')).toMatch(/[+/]/);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64url')).equals(key)).toBe(true);
  });

  it('rejects a non-canonical spelling that Node would decode to the same key', () => {
    const text = `${KEY.toString('base64url').slice(0, 42)}9`; // spare bits set in the last character

    expect(Buffer.from(text, 'base64url').equals(KEY)).toBe(true);
    expect(() => parseKey(text)).toThrow(/^Key must be/);
  });

  it.each([
    ['empty', ''],
    ['short hex', KEY.toString('hex').slice(0, 62)],
    ['long hex', `${KEY.toString('hex')}00`],
    ['non-hex 64 characters', 'g'.repeat(64)],
    ['base64 of 31 bytes', randomBytes(31).toString('base64')],
    ['base64 of 33 bytes', randomBytes(33).toString('base64')],
    ['a passphrase', 'correct horse battery staple correct horse battery'],
  ])('rejects %s without echoing it', (_label, text) => {
    let message = '';
    try {
      parseKey(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Key must be/);
    if (text !== '') expect(message).not.toContain(text);
  });
});
