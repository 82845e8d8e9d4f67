import type { ServerConfig } from '@mcp-fleet/shared/contracts';

import { isSealed, maskSecrets, type SealedValue, SECRET_FIELDS, type SecretField } from './secret-values';

/** The sealed texts of a config's secrets, by field and name: what a revision keeps to bring them back. */
export type SealedSecrets = Partial<Record<SecretField, Record<string, string>>>;

/** A stored config as a revision keeps it: masked as responses show it, and its sealed texts apart. */
export function splitSealed(config: ServerConfig): { masked: ServerConfig; sealed: SealedSecrets } {
  const sealed: SealedSecrets = {};
  for (const field of SECRET_FIELDS) {
    for (const [name, value] of Object.entries(config[field] ?? {})) {
      if (isSealed(value)) {
        sealed[field] = { ...sealed[field], [name]: value.sealed };
      }
    }
  }
  return { masked: maskSecrets(config), sealed };
}

/**
 * The stored config a revision was made from: its masked config with the sealed texts put back.
 * `missing` names a masked secret with no sealed text (nothing to restore it from).
 */
export function joinSealed(masked: ServerConfig, sealed: SealedSecrets): { config: ServerConfig; missing: string[] } {
  const config: ServerConfig = { ...masked };
  const missing: string[] = [];
  for (const field of SECRET_FIELDS) {
    const entries = masked[field];
    if (!entries) continue;
    const joined: Record<string, string | SealedValue> = {};
    for (const [name, value] of Object.entries(entries)) {
      if (typeof value === 'string') {
        joined[name] = value;
      } else if (sealed[field]?.[name] !== undefined) {
        joined[name] = { secret: true, sealed: sealed[field][name] };
      } else {
        missing.push(`config.${field}.${name}`);
      }
    }
    config[field] = joined;
  }
  return { config, missing };
}
