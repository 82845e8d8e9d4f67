import { ConfigValidationError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadAppConfig({}, '/srv/fleet');

    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/fleet/data',
      logLevel: 'info',
      databasePoolSize: 10,
    });
    expect(config.embeddedDatabase).toBe(true);
  });

  it('throttles sign-ins per (account, address) from 5 failures, and stops an address only at 100 (a NAT shares one)', () => {
    const config = loadAppConfig({});

    expect([config.loginMaxFailuresPerAccount, config.loginMaxFailuresPerIp, config.loginWindowSeconds]).toEqual([5, 100, 900]);
    expect(loadAppConfig({ LOGIN_MAX_FAILURES_PER_IP: '30' }).loginMaxFailuresPerIp).toBe(30);
    expect(() => loadAppConfig({ LOGIN_MAX_FAILURES_PER_IP: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_IP must be an integer/);
  });

  it('reads valid values', () => {
    const config = loadAppConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/fleet',
      DATA_DIR: '/var/lib/fleet',
      LOG_LEVEL: 'debug',
      TRUST_PROXY: '1',
    });

    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u@db:5432/fleet');
    expect(config.embeddedDatabase).toBe(false);
    expect(config.dataDir).toBe('/var/lib/fleet');
    expect(config.trustProxy).toBe(1);
    expect(loadAppConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.5']);
  });

  it.each([
    ['PORT', 'eighty', /PORT must be an integer/],
    ['PORT', '70000', /PORT must be an integer between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32/],
    ['SECRETS_KEY', 'abc', /SECRETS_KEY must be 32 bytes/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY must be a hop count or proxy addresses/],
  ])('refuses a bad %s naming the variable', (name, value, message) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(message);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadAppConfig({ PORT: '-1', LOG_LEVEL: 'x', ADMIN_EMAIL: 'admin@example.com' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      'PORT must be an integer between 0 and 65535 (got "-1")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "x")',
    ]);
  });

  it('opens private URLs in development and closes them in production', () => {
    expect(loadAppConfig({}).allowPrivateUrls).toBe(true);
    expect(loadAppConfig({ NODE_ENV: 'production' }).allowPrivateUrls).toBe(false);
    expect(loadAppConfig({ NODE_ENV: 'production', ALLOW_PRIVATE_URLS: 'true' }).allowPrivateUrls).toBe(true);
  });

  it('reads comma-separated lists', () => {
    const config = loadAppConfig({ STDIO_ALLOWED_COMMANDS: 'npx, uvx,,node', CORS_ORIGINS: 'https://ops.example.com' });

    expect(config.stdioAllowedCommands).toEqual(['npx', 'uvx', 'node']);
    expect(config.corsOrigins).toEqual(['https://ops.example.com']);
  });

  it('requires shared keys for production replicas on an external database', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/fleet' })).toThrow(
      /JWT_SECRET must be set when NODE_ENV=production and DATABASE_URL is set/,
    );
  });
});
