import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { type Permission, PERMISSIONS, type Principal, type Role, ROLE_PERMISSIONS, type User } from '@mcp-fleet/shared/contracts';

import { cannotActOnUser, cannotGrant } from './auth-errors';

/*
 * A principal can only grant permissions it holds. Granting is minting an API token, giving a
 * user a role, and acting on a user who holds more than the caller: resetting their password or
 * changing their role would let the caller become that user. Without this, a token holding only
 * `mcp:admin` mints a token with every permission, or an admin account for itself.
 */

/** What `granted` asks for beyond `held`, in the order of PERMISSIONS; empty when it may be granted. */
export function permissionsNotHeld(held: readonly Permission[], granted: readonly Permission[]): Permission[] {
  return PERMISSIONS.filter((permission) => granted.includes(permission) && !held.includes(permission));
}

/** Throws FORBIDDEN (with `details.missing`, like the global guard) unless `held` covers `granted`. */
export function assertMayGrant(held: readonly Permission[], granted: readonly Permission[]): void {
  const missing = permissionsNotHeld(held, granted);
  if (missing.length > 0) {
    throw cannotGrant(
      PERMISSIONS.filter((permission) => granted.includes(permission)),
      missing,
    );
  }
}

/**
 * Throws FORBIDDEN unless `held` covers every permission `target` holds through its role and,
 * for a role change, every permission `newRole` gives: one refusal lists all that is missing.
 */
export function assertMayActOn(held: readonly Permission[], target: User, newRole?: Role): void {
  const required = PERMISSIONS.filter(
    (permission) =>
      ROLE_PERMISSIONS[target.role].includes(permission) || (newRole !== undefined && ROLE_PERMISSIONS[newRole].includes(permission)),
  );
  const missing = permissionsNotHeld(held, required);
  if (missing.length > 0) {
    throw cannotActOnUser(target.email, required, missing);
  }
}

/**
 * What a caller may grant. The API's own work (the first admin at boot, `user:create` run on the
 * host by someone who already holds the database and the keys) may grant anything. Any other call
 * must name its principal; one that does not is a bug, refused rather than let through.
 */
export function grantablePermissions(principal: Principal | undefined, context: CallContext): readonly Permission[] {
  if (principal) {
    return principal.permissions;
  }
  if (context.via === 'system') {
    return PERMISSIONS;
  }
  throw new Error(`A grant made over ${context.via} must name the principal making it`);
}
