import { Redactor, secretValuesOf } from './redactor';

describe('Redactor', () => {
  it('masks every occurrence of every known secret value', () => {
    const redactor = new Redactor(['s3cr3t-token', 'hunter22']);
    expect(redactor.redact('token=s3cr3t-token pw=hunter22 again s3cr3t-token')).toBe('token=*** pw=*** again ***');
  });

  it('leaves values shorter than 4 characters alone, so short words are not masked everywhere', () => {
    const redactor = new Redactor(['yes', 'abcd']);
    expect(redactor.redact('yes abcd')).toBe('yes ***');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const redactor = new Redactor(['abcd', 'abcdefgh']);
    expect(redactor.redact('x abcdefgh y abcd')).toBe('x *** y ***');
  });

  it('treats regular-expression characters in secrets literally', () => {
    const redactor = new Redactor(['a.b*c+(d)', '$1$2']);
    expect(redactor.redact('val a.b*c+(d) axbbc $1$2')).toBe('val *** axbbc ***');
  });

  it('masks the token of a `Bearer <token>` header value on its own', () => {
    const redactor = new Redactor(['Bearer eyJhbGciOiJIUzI1NiJ9']);
    expect(redactor.redact('auth: Bearer eyJhbGciOiJIUzI1NiJ9')).toBe('auth: ***');
    expect(redactor.redact('got token eyJhbGciOiJIUzI1NiJ9 from env')).toBe('got token *** from env');
    expect(redactor.redact('Bearer scheme is fine')).toBe('Bearer scheme is fine');
  });

  it('masks the piece of a secret left at the end of a cut line and at the start of the next', () => {
    const redactor = new Redactor(['0123456789abcdef']);
    expect(redactor.redact('xxxx0123456789…')).toBe('xxxx***…');
    expect(redactor.redact('abcdef and more', true)).toBe('*** and more');
    // Only after a cut: an ordinary line starting the same way is left alone.
    expect(redactor.redact('abcdef and more')).toBe('abcdef and more');
  });

  describe('the forms a printed secret takes', () => {
    const secret = 'sk-live-abc123XYZ/+=é"\\ x';
    const bytes = Buffer.from(secret, 'utf8');
    const redactor = new Redactor([secret]);
    /** The output, if any decoding of it (plain, URL, JSON, base64 at any offset, hex) still shows the secret's core. */
    const leaks = (text: string) => {
      const out = redactor.redact(text);
      const core = 'abc123XYZ';
      const decoded = [
        out,
        safely(() => decodeURIComponent(out.replace(/\+/g, ' '))),
        out.replace(/\\u([0-9a-f]{4})/gi, (escape: string) => String.fromCharCode(parseInt(escape.slice(2), 16))),
      ];
      for (const run of out.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
        for (let offset = 0; offset < 4; offset++) {
          decoded.push(
            Buffer.from(run.slice(offset), 'base64').toString('latin1'),
            Buffer.from(run.slice(offset), 'base64url').toString('latin1'),
          );
        }
        decoded.push(Buffer.from(run, 'hex').toString('latin1'), Buffer.from(run.slice(1), 'hex').toString('latin1'));
      }
      return decoded.some((text) => text.includes(core)) ? out : undefined;
    };

    it.each([
      ['plain', `KEY=${secret}`],
      ['base64', bytes.toString('base64')],
      [
        'base64 inside a longer line, at every alignment',
        ['', 'x', 'xy', 'xyz'].map((p) => Buffer.from(`export KEY="${p}${secret}"`).toString('base64')).join(' '),
      ],
      ['base64url', bytes.toString('base64url')],
      ['URL-encoded', encodeURIComponent(secret)],
      ['URL-encoded with lowercase escapes', encodeURIComponent(secret).toLowerCase()],
      ['form-encoded', new URLSearchParams({ k: secret }).toString()],
      ['JSON-escaped', JSON.stringify({ KEY: secret })],
      [
        'JSON-escaped as ASCII',
        JSON.stringify(secret).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ],
      ['hex', bytes.toString('hex')],
      ['HEX', bytes.toString('hex').toUpperCase()],
    ])('%s', (_, text) => {
      expect(leaks(text)).toBeUndefined();
    });

    it('leaves ordinary text alone', () => {
      expect(redactor.redact('nothing secret here: abc 123 base64 aGVsbG8=')).toBe('nothing secret here: abc 123 base64 aGVsbG8=');
    });
  });

  it('masks strings and keys inside results and details, leaving other values as they are', () => {
    const redactor = new Redactor(['tok-0123456789']);
    const result = redactor.redactDeep({
      content: [{ type: 'text', text: 'key tok-0123456789' }],
      n: 3,
      ok: true,
      none: null,
      ['tok-0123456789']: 'x',
    });
    expect(result).toEqual({
      content: [{ type: 'text', text: 'key ***' }],
      n: 3,
      ok: true,
      none: null,
      ['***']: 'x',
    });
  });

  it('changes nothing without secrets', () => {
    expect(new Redactor([]).redact('plain line…')).toBe('plain line…');
  });
});

describe('secretValuesOf', () => {
  it('takes the values stored as secrets, not plain ones', () => {
    const config = {
      env: { API_KEY: { secret: true as const }, LOG_LEVEL: 'debug' },
      headers: {
        Authorization: { secret: true as const },
        Accept: 'application/json',
      },
    };
    const opened = {
      env: { API_KEY: 'key-123456', LOG_LEVEL: 'debug' },
      headers: {
        Authorization: 'Bearer tok-abcdefgh',
        Accept: 'application/json',
      },
    };
    expect(secretValuesOf(config, opened)).toEqual(['key-123456', 'Bearer tok-abcdefgh']);
  });
});

function safely(decode: () => string): string {
  try {
    return decode();
  } catch {
    return '';
  }
}
