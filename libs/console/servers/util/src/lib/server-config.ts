import { type ConfigValue, isSecretValue } from '@mcp-fleet/shared/contracts';

export interface ConfigPair {
  name: string;
  /** The plain value, or the mask for a secret. */
  value: string;
  secret: boolean;
}

/** What a secret shows in place of its value. */
export const SECRET_MASK = '•••• (secret)';

/**
 * Env variables or headers as name/value rows, sorted by name. A secret never shows a value,
 * even if one were present in the response.
 */
export function configPairs(record: Record<string, ConfigValue> | undefined | null): ConfigPair[] {
  return Object.entries(record ?? {})
    .map(
      ([name, value]): ConfigPair =>
        isSecretValue(value) ? { name, value: SECRET_MASK, secret: true } : { name, value: String(value), secret: false },
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}
