import { DENIED_ENV_FAMILIES, type DeniedEnvFamily } from './denied-env-families';

export { DENIED_ENV_FAMILIES, type DeniedEnvFamily } from './denied-env-families';

/** What a stdio server's `env` may not set: the families, less what an operator allows. */
export interface DeniedEnv {
  readonly families: readonly DeniedEnvFamily[];
  /**
   * From STDIO_ALLOWED_ENV, and winning over every family: exact names (`PATH`,
   * `UV_CACHE_DIR`, case-sensitive) and `prefix*` patterns (`npm_config_*`, any case).
   */
  readonly allowed: readonly string[];
}

export const DEFAULT_DENIED_ENV: DeniedEnv = {
  families: DENIED_ENV_FAMILIES,
  allowed: [],
};

/** The default families with the names an operator allows (from `STDIO_ALLOWED_ENV`). */
export function resolveDeniedEnv(overrideAllowed: readonly string[]): DeniedEnv {
  const allowed = overrideAllowed.map((name) => name.trim()).filter((name) => name !== '');
  return { families: DENIED_ENV_FAMILIES, allowed };
}

/**
 * The family that refuses `name`, or undefined when it may be set. When several match,
 * the most specific entry names the family (`BUN_CONFIG_REGISTRY` is about the registry,
 * not the runtime), an exact name before any prefix.
 */
export function deniedEnvFamily(name: string, denied: DeniedEnv): DeniedEnvFamily | undefined {
  if (isAllowed(name, denied.allowed)) return undefined;
  let best: { family: DeniedEnvFamily; specificity: number } | undefined;
  for (const family of denied.families) {
    const specificity = matchSpecificity(name, family);
    if (specificity > (best?.specificity ?? 0)) best = { family, specificity };
  }
  return best?.family;
}

/** 0 for no match, the prefix length for a prefix, Infinity for an exact name. */
function matchSpecificity(name: string, family: DeniedEnvFamily): number {
  const fold = (text: string): string => (family.anyCase ? text.toLowerCase() : text);
  const candidate = fold(name);
  if (family.names.some((entry) => fold(entry) === candidate)) return Number.POSITIVE_INFINITY;
  return Math.max(0, ...family.prefixes.filter((prefix) => candidate.startsWith(fold(prefix))).map((prefix) => prefix.length));
}

/**
 * Exact names are compared as the program will read them, so allowing `npm_config_registry`
 * leaves `NPM_CONFIG_REGISTRY` refused. A pattern lifts a whole namespace in any case, as
 * `npm_config_*` always did.
 */
function isAllowed(name: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.endsWith('*') ? name.toLowerCase().startsWith(entry.slice(0, -1).toLowerCase()) : name === entry));
}

/** Splits a `STDIO_ALLOWED_ENV`-style value on commas and whitespace. */
export function parseEnvNameList(raw: string | undefined): string[] {
  return (raw ?? '').split(/[\s,]+/).filter((name) => name !== '');
}
