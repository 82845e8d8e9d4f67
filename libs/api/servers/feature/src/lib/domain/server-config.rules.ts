import {
  type FieldError,
  type NumericConfigField,
  REMOTE_TRANSPORTS,
  SERVER_CONFIG_BOUNDS,
  type ServerConfig,
  type ServerConfigInput,
  type ServerConfigPatch,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

const STDIO_FIELDS = ['command', 'args', 'env', 'cwd'] as const;
const REMOTE_FIELDS = ['url', 'headers'] as const;
const NUMERIC_FIELDS = Object.keys(SERVER_CONFIG_BOUNDS) as NumericConfigField[];

export function isRemote(transport: ServerTransport): boolean {
  return REMOTE_TRANSPORTS.includes(transport);
}

/** Fills the numeric fields that were left out with their documented defaults. */
export function withDefaults(input: ServerConfigInput): ServerConfig {
  const config: ServerConfig = { ...(input as ServerConfig) };
  for (const field of NUMERIC_FIELDS) {
    if (config[field] === undefined || config[field] === null) {
      config[field] = SERVER_CONFIG_BOUNDS[field].default;
    }
  }
  for (const key of Object.keys(config) as (keyof ServerConfig)[]) {
    if (config[key] === undefined || config[key] === null) {
      delete config[key];
    }
  }
  return config;
}

/**
 * Transport-specific rules that a DTO cannot express alone: stdio needs a command and
 * no url; remote transports need a url and no command. Whether that url or command is
 * safe to use is the launch-safety check's business.
 */
export function checkTransportRules(transport: ServerTransport, config: ServerConfigInput): FieldError[] {
  const errors: FieldError[] = [];
  const forbid = (fields: readonly (keyof ServerConfig)[], reason: string) => {
    for (const field of fields) {
      if (config[field] !== undefined && config[field] !== null) {
        errors.push({ field: `config.${field}`, messages: [`${field} is not allowed ${reason}`] });
      }
    }
  };
  if (!isRemote(transport)) {
    if (!config.command) {
      errors.push({ field: 'config.command', messages: ['command is required for the stdio transport'] });
    }
    if (typeof config.cwd === 'string' && !config.cwd.startsWith('/')) {
      errors.push({ field: 'config.cwd', messages: ['cwd must be an absolute path'] });
    }
    forbid(REMOTE_FIELDS, 'for the stdio transport');
    return errors;
  }
  forbid(STDIO_FIELDS, `for the ${transport} transport`);
  if (!config.url) {
    errors.push({ field: 'config.url', messages: [`url is required for the ${transport} transport`] });
  }
  return errors;
}

/**
 * Applies a PATCH to a stored config: a field set to null is removed (numeric fields
 * fall back to their default). When the transport changes between stdio and remote,
 * the fields of the old family are dropped unless the patch sets them again.
 */
export function mergeConfigPatch(
  current: ServerConfig,
  patch: ServerConfigPatch | undefined,
  fromTransport: ServerTransport,
  toTransport: ServerTransport,
): ServerConfigInput {
  const merged: Record<string, unknown> = { ...current };
  if (isRemote(fromTransport) !== isRemote(toTransport)) {
    for (const field of isRemote(fromTransport) ? REMOTE_FIELDS : STDIO_FIELDS) {
      delete merged[field];
    }
  }
  for (const [field, value] of Object.entries(patch ?? {})) {
    if (value === null) {
      delete merged[field];
    } else if (value !== undefined) {
      merged[field] = value;
    }
  }
  return merged;
}
