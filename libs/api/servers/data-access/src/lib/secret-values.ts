import type { SecretBox } from '@mcp-fleet/api/shared/security';
import type { FieldError } from '@mcp-fleet/shared/contracts';
import { type ConfigValue, isSecretValue, type ServerConfig, type ServerConfigInput } from '@mcp-fleet/shared/contracts';

/** How a secret is stored in the config column: sealed with AES-256-GCM, bound to its place. */
export interface SealedValue {
  secret: true;
  sealed: string;
}

type StoredValue = string | SealedValue;
export const SECRET_FIELDS = ['env', 'headers'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export function isSealed(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && typeof (value as SealedValue).sealed === 'string';
}

/** Additional data that ties a ciphertext to one server, field and name: copied elsewhere, it does not open. */
function placeOf(serverId: string, field: SecretField, name: string): string {
  return `${serverId}:${field}:${name}`;
}

/**
 * Seals every `{ secret: true, value }` in env and headers. `{ secret: true }` without a
 * value keeps the secret stored under that name in `previous`, and is an error otherwise.
 */
export function sealSecrets(
  config: ServerConfigInput,
  previous: ServerConfig | undefined,
  box: SecretBox,
  serverId: string,
): { config: ServerConfigInput; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const sealed: ServerConfigInput = { ...config };
  for (const field of SECRET_FIELDS) {
    const entries = config[field];
    if (!entries) continue;
    const out: Record<string, StoredValue> = {};
    for (const [name, value] of Object.entries(entries as Record<string, ConfigValue | SealedValue>)) {
      if (isSealed(value)) {
        out[name] = value;
      } else if (!isSecretValue(value)) {
        out[name] = value;
      } else if (value.value !== undefined) {
        out[name] = { secret: true, sealed: box.seal(value.value, placeOf(serverId, field, name)) };
      } else {
        const kept = (previous?.[field] as Record<string, StoredValue> | undefined)?.[name];
        if (isSealed(kept)) {
          out[name] = kept;
        } else {
          problems.push({ field: `config.${field}.${name}`, messages: [`${name} has no stored secret to keep; send its value`] });
        }
      }
    }
    sealed[field] = out;
  }
  return { config: sealed, problems };
}

/** The config as it may leave the server: secrets shown as `{ secret: true }`, nothing more. */
export function maskSecrets(config: ServerConfig): ServerConfig {
  const masked: ServerConfig = { ...config };
  for (const field of SECRET_FIELDS) {
    const entries = config[field];
    if (!entries) continue;
    masked[field] = Object.fromEntries(
      Object.entries(entries as Record<string, StoredValue>).map(([name, value]) => [
        name,
        isSealed(value) ? { secret: true as const } : value,
      ]),
    );
  }
  return masked;
}

/** Plain values for the process or connection that needs them (the lifecycle engine). */
export function openSecrets(config: ServerConfig, box: SecretBox, serverId: string): Record<SecretField, Record<string, string>> {
  const opened: Record<SecretField, Record<string, string>> = { env: {}, headers: {} };
  for (const field of SECRET_FIELDS) {
    for (const [name, value] of Object.entries((config[field] ?? {}) as Record<string, StoredValue>)) {
      opened[field][name] = isSealed(value) ? box.open(value.sealed, placeOf(serverId, field, name)) : value;
    }
  }
  return opened;
}

/** Names only, for policy checks that look at which variables are set, not their values. */
export function envNames(config: ServerConfigInput): Record<string, string> {
  return Object.fromEntries(Object.keys(config.env ?? {}).map((name) => [name, '']));
}
