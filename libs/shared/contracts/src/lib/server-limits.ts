/** Input rules shared by the API (validation) and the console (form hints). */
export const SERVER_LIMITS = {
  /** Letters, digits, dot, dash, underscore; starts with a letter or digit. */
  namePattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  nameMaxLength: 100,
  descriptionMaxLength: 500,
  typePattern: /^[a-z0-9][a-z0-9._-]*$/,
  typeMaxLength: 50,
  defaultType: 'custom',
  tagPattern: /^[a-z0-9][a-z0-9._:-]*$/,
  tagMaxLength: 50,
  maxTags: 20,
  commandMaxLength: 1024,
  maxArgs: 100,
  argMaxLength: 4096,
  envNamePattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  envNameMaxLength: 128,
  envValueMaxLength: 32768,
  maxEnv: 100,
  cwdMaxLength: 1024,
  urlMaxLength: 2048,
  /** RFC 9110 token characters. */
  headerNamePattern: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/,
  headerNameMaxLength: 128,
  headerValueMaxLength: 8192,
  maxHeaders: 50,
  searchMaxLength: 100,
  maxPageSize: 100,
  defaultPageSize: 20,
} as const;

/** Bounds and defaults of the numeric config fields, in milliseconds or counts. */
export const SERVER_CONFIG_BOUNDS = {
  startupTimeoutMs: { min: 1000, max: 600_000, default: 60_000 },
  requestTimeoutMs: { min: 100, max: 600_000, default: 30_000 },
  killTimeoutMs: { min: 100, max: 120_000, default: 5_000 },
  retryAttempts: { min: 0, max: 100, default: 3 },
  healthCheckIntervalMs: { min: 1000, max: 3_600_000, default: 30_000 },
  maxRestarts: { min: 0, max: 1000, default: 5 },
  healthCheckTimeoutMs: { min: 100, max: 600_000, default: 5_000 },
  healthFailureThreshold: { min: 1, max: 100, default: 3 },
} as const;

export type NumericConfigField = keyof typeof SERVER_CONFIG_BOUNDS;
