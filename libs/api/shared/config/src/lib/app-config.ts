import { availableParallelism, hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

import { parseKey } from '@mcp-fleet/api/shared/security';
import { DEFAULT_TOOL_POLICY, TOOL_POLICIES, type ToolPolicy } from '@mcp-fleet/shared/contracts';

/** The version of mcp-fleet this API reports (OpenAPI document, system info). */
export const API_VERSION = '0.1.0';

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
  /**
   * Which proxies may set X-Forwarded-For: false (none), a hop count, or proxy addresses
   * (IPs/CIDRs). Never "any", since the client controls the left-most entry.
   */
  readonly trustProxy!: false | number | string[];
  /** Whether the refresh cookie is marked Secure: always, never, or when the request came over TLS. */
  readonly cookieSecure!: 'always' | 'never' | 'auto';
  /** Folder with the built console; unset means next to the API bundle. */
  readonly consoleDir!: string | undefined;
  readonly requestTimeoutMs!: number;
  /** Browser origins allowed to call the API cross-origin; empty means none. */
  readonly corsOrigins!: string[];
  readonly accessTokenTtlSeconds!: number;
  readonly refreshTokenTtlSeconds!: number;
  /** Failed sign-ins of one (account, address) pair in the window before each further attempt waits a doubling delay. */
  readonly loginMaxFailuresPerAccount!: number;
  /** Failed sign-ins from one address in the window, any accounts, before it is stopped: high enough for a NAT. */
  readonly loginMaxFailuresPerIp!: number;
  /** The window failures are counted in, and the longest delay. */
  readonly loginWindowSeconds!: number;
  /** Whether remote MCP URLs may point at loopback or private networks. */
  readonly allowPrivateUrls!: boolean;
  /** When non-empty, the only executables a stdio server may run. */
  readonly stdioAllowedCommands!: string[];
  /** Environment variables taken off the default denylist for stdio servers. */
  readonly stdioAllowedEnv!: string[];
  /** Names this API process in events and audit rows; unique per running instance. */
  readonly instanceId!: string;
  /** Where the other replicas reach this one (forwarded commands); unset: http://127.0.0.1:<listening port>. */
  readonly advertiseUrl!: string | undefined;
  /** Events older than this many days are deleted in the background; 0 keeps them forever. */
  readonly eventRetentionDays!: number;
  /** The same for audit rows, usually kept longer than events. */
  readonly auditRetentionDays!: number;
  /** What drift of a server's tool definitions does when the server sets no policy of its own. */
  readonly toolDriftPolicy!: ToolPolicy;
  /** stderr lines of servers older than this many days are deleted; 0 keeps them forever. */
  readonly logRetentionDays!: number;
  /** Events waiting to be written when the database is slow or away; beyond this, new ones are refused. */
  readonly eventBufferMax!: number;
  /** How often memory, CPU and uptime of running servers are sampled. */
  readonly metricsSampleIntervalMs!: number;
  /** Samples for charts older than this many hours are deleted. */
  readonly metricsRetentionHours!: number;
  /** Servers a bulk operation starts or stops at the same time. */
  readonly bulkConcurrency!: number;

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

  const adminEmail = read.optionalString('ADMIN_EMAIL', (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'must be an email address'));
  const adminPassword = read.optionalString('ADMIN_PASSWORD', (v) =>
    v.length >= 12 && v.length <= 256 ? null : 'must be 12 to 256 characters long',
  );
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const dataDir = read.optionalString('DATA_DIR') ?? './data';
  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const databaseUrl = read.optionalString('DATABASE_URL', (v) =>
    /^postgres(ql)?:\/\/[^\s]+$/.test(v) ? null : 'must be a postgres:// or postgresql:// URL',
  );
  const production = nodeEnv === 'production';

  const config = new AppConfig({
    nodeEnv,
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.optionalString('HOST') ?? '127.0.0.1',
    databaseUrl,
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    adminEmail,
    adminPassword,
    jwtSecret: read.optionalString('JWT_SECRET', (v) => (v.length >= 32 ? null : 'must be at least 32 characters long')),
    secretsKey: read.optionalString('SECRETS_KEY', (v) => (isKey(v) ? null : 'must be 32 bytes, as 64 hex characters or base64')),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    trustProxy: readTrustProxy(read),
    cookieSecure: read.oneOf('COOKIE_SECURE', ['always', 'never', 'auto'] as const, production ? 'always' : 'auto'),
    consoleDir: read.optionalString('CONSOLE_DIR'),
    requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    corsOrigins: read.list('CORS_ORIGINS', (v) =>
      /^https?:\/\/[^/\s]+$/.test(v) ? null : 'must list origins like https://ops.example.com',
    ),
    accessTokenTtlSeconds: read.integer('ACCESS_TOKEN_TTL_SECONDS', 900, 60, 86_400),
    refreshTokenTtlSeconds: read.integer('REFRESH_TOKEN_TTL_SECONDS', 14 * 86_400, 300, 90 * 86_400),
    loginMaxFailuresPerAccount: read.integer('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxFailuresPerIp: read.integer('LOGIN_MAX_FAILURES_PER_IP', 100, 1, 100_000),
    loginWindowSeconds: read.integer('LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    // Open for the embedded / development setup (local servers are the point there), closed in production.
    allowPrivateUrls: read.boolean('ALLOW_PRIVATE_URLS', !production),
    stdioAllowedCommands: read.list('STDIO_ALLOWED_COMMANDS'),
    stdioAllowedEnv: read.list('STDIO_ALLOWED_ENV', (v) =>
      /^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(v) ? null : 'must list environment variable names',
    ),
    instanceId:
      read.optionalString('INSTANCE_ID', (v) =>
        /^[A-Za-z0-9._:-]{1,100}$/.test(v) ? null : 'must be 1-100 characters of A-Z a-z 0-9 . _ : -',
      ) ?? `${hostname().slice(0, 80)}:${process.pid}`,
    advertiseUrl: read.optionalString('ADVERTISE_URL', (v) => (/^https?:\/\/[^\s/]+$/.test(v) ? null : 'must be http(s)://host:port')),
    eventRetentionDays: read.integer('EVENT_RETENTION_DAYS', 30, 0, 36_500),
    auditRetentionDays: read.integer('AUDIT_RETENTION_DAYS', 365, 0, 36_500),
    toolDriftPolicy: read.oneOf('TOOL_DRIFT_POLICY', TOOL_POLICIES, DEFAULT_TOOL_POLICY),
    logRetentionDays: read.integer('LOG_RETENTION_DAYS', 7, 0, 36_500),
    eventBufferMax: read.integer('EVENT_BUFFER_MAX', 100_000, 1000, 10_000_000),
    metricsSampleIntervalMs: read.integer('METRICS_SAMPLE_INTERVAL_MS', 15_000, 1000, 3_600_000),
    metricsRetentionHours: read.integer('METRICS_RETENTION_HOURS', 48, 1, 8760),
    bulkConcurrency: read.integer('BULK_CONCURRENCY', availableParallelism(), 1, 64),
  } as AppConfig);

  if (production && databaseUrl !== undefined) {
    // Generated keys live in one instance's DATA_DIR; replicas sharing a database must share keys.
    for (const name of ['JWT_SECRET', 'SECRETS_KEY']) {
      if (!env[name]) {
        problems.push(`${name} must be set when NODE_ENV=production and DATABASE_URL is set`);
      }
    }
  }

  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }
  return config;
}

/** The same parser that loads the key at boot, so a value accepted here also loads there. */
function isKey(value: string): boolean {
  try {
    parseKey(value);
    return true;
  } catch {
    return false;
  }
}

function readTrustProxy(read: EnvReader): false | number | string[] {
  const raw = read.optionalString('TRUST_PROXY');
  if (raw === undefined || ['false', '0', 'no', 'off'].includes(raw.toLowerCase())) {
    return false;
  }
  if (/^\d+$/.test(raw)) {
    return read.integer('TRUST_PROXY', 0, 1, 10);
  }
  return read.list('TRUST_PROXY', (v) =>
    /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v) ? null : 'must be a hop count or proxy addresses (IPs or CIDRs), not "true"',
  );
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

  /** Comma-separated values, trimmed, empty entries dropped. */
  list(name: string, check?: (value: string) => string | null): string[] {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return [];
    }
    const values = raw
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    for (const value of values) {
      const problem = check?.(value);
      if (problem) {
        this.problems.push(`${name} ${problem} (got "${value}")`);
      }
    }
    return values;
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
