import { Redactor, secretValuesOf } from './redaction';

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

  it('changes nothing without secrets', () => {
    expect(new Redactor([]).redact('plain line…')).toBe('plain line…');
  });
});

describe('secretValuesOf', () => {
  it('takes the values stored as secrets, not plain ones', () => {
    const config = {
      env: { API_KEY: { secret: true as const }, LOG_LEVEL: 'debug' },
      headers: { Authorization: { secret: true as const }, Accept: 'application/json' },
    };
    const opened = {
      env: { API_KEY: 'key-123456', LOG_LEVEL: 'debug' },
      headers: { Authorization: 'Bearer tok-abcdefgh', Accept: 'application/json' },
    };
    expect(secretValuesOf(config, opened)).toEqual(['key-123456', 'Bearer tok-abcdefgh']);
  });
});
