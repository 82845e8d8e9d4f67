import { PACKAGE_ENV_FAMILIES } from './package-env-families';
import { STARTUP_ENV_FAMILIES } from './startup-env-families';
import { SYSTEM_ENV_FAMILIES } from './system-env-families';

/**
 * Environment variables that make a program load or run code it was not asked to, talk to
 * a different host, or trust someone else, grouped by why. A stdio server's `env` may not
 * set them (an operator can allow single names with STDIO_ALLOWED_ENV).
 *
 * Prefixes are used wherever a tool reads a whole namespace (`PIP_*`, `DOCKER_*`), since
 * such tools add settings in every release; exact names where the namespace is shared with
 * harmless settings (`NODE_ENV`, `PYTHONUNBUFFERED`, `DOTNET_ENVIRONMENT` stay allowed).
 */
export interface DeniedEnvFamily {
  /** Reads as the subject of `why`: "<family> <why>". */
  readonly family: string;
  readonly why: string;
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
  /**
   * The tools read these names in any letter case (npm lowercases its whole environment,
   * Python reads `https_proxy` and `HTTPS_PROXY`), so every case variant is refused.
   * Otherwise names match exactly, as Linux and the loaders compare them.
   */
  readonly anyCase?: boolean;
}

export const DENIED_ENV_FAMILIES: readonly DeniedEnvFamily[] = [...STARTUP_ENV_FAMILIES, ...PACKAGE_ENV_FAMILIES, ...SYSTEM_ENV_FAMILIES];
