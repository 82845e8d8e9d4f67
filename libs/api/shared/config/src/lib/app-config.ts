import { isAbsolute, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * The one typed configuration object, built once at boot from the environment.
 * Nothing else in the API reads `process.env`; inject this class instead.
 */
export class AppConfig {
  readonly nodeEnv!: NodeEnv;
  readonly port!: number;
  readonly host!: string;
  /** Unset means: start the embedded PostgreSQL (PGlite) under `dataDir`. */
  readonly databaseUrl!: string | undefined;
  readonly databasePoolSize!: number;
  readonly dataDir!: string;
  readonly adminEmail!: string | undefined;
  readonly adminPassword!: string | undefined;
  readonly jwtSecret!: string | undefined;
  readonly secretsKey!: string | undefined;
  readonly logLevel!: LogLevel;
  readonly bodyLimitBytes!: number;
  readonly trustProxy!: boolean;
  /** Folder with the built console; unset means next to the API bundle. */
  readonly consoleDir!: string | undefined;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }

  get embeddedDatabase(): boolean {
    return this.databaseUrl === undefined;
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates every variable; reports all problems at once, each naming its variable. */
export function loadAppConfig(env: Env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const adminEmail = read.optionalString('ADMIN_EMAIL', (v) =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'must be an email address',
  );
  const adminPassword = read.optionalString('ADMIN_PASSWORD', (v) =>
    v.length >= 12 ? null : 'must be at least 12 characters long',
  );
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const dataDir = read.optionalString('DATA_DIR') ?? './data';

  const config = new AppConfig({
    nodeEnv: read.oneOf('NODE_ENV', NODE_ENVS, 'development'),
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.optionalString('HOST') ?? '127.0.0.1',
    databaseUrl: read.optionalString('DATABASE_URL', (v) =>
      /^postgres(ql)?:\/\/[^\s]+$/.test(v) ? null : 'must be a postgres:// or postgresql:// URL',
    ),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    adminEmail,
    adminPassword,
    jwtSecret: read.optionalString('JWT_SECRET', (v) =>
      v.length >= 32 ? null : 'must be at least 32 characters long',
    ),
    secretsKey: read.optionalString('SECRETS_KEY', (v) =>
      /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32
        ? null
        : 'must be 32 bytes, as 64 hex characters or base64',
    ),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    trustProxy: read.boolean('TRUST_PROXY', false),
    consoleDir: read.optionalString('CONSOLE_DIR'),
  } as AppConfig);

  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optionalString(name: string, check?: (value: string) => string | null): string | undefined {
    const raw = this.env[name];
    if (raw === undefined || raw.trim() === '') {
      return undefined;
    }
    const problem = check?.(raw);
    if (problem) {
      this.problems.push(`${name} ${problem}`);
      return undefined;
    }
    return raw;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return fallback;
    }
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name)?.toLowerCase();
    if (raw === undefined) {
      return fallback;
    }
    if (['true', '1', 'yes', 'on'].includes(raw)) {
      return true;
    }
    if (['false', '0', 'no', 'off'].includes(raw)) {
      return false;
    }
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }
}
