import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import type { Permission } from '@mcp-fleet/shared/contracts';

import { AuthStore } from './auth.store';

/** Pages behind the login: restores the session from the cookie, else goes to /login?returnUrl=… */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (await auth.restore()) {
    return true;
  }
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/**
 * Pages that need one permission. Others see the "No access" page (which names the page and the
 * permission), not a broken page nor a silent trip to the dashboard.
 */
export function permissionGuard(permission: Permission): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    if ((await auth.restore()) && auth.can(permission)) {
      return true;
    }
    return router.createUrlTree(['/no-access'], { queryParams: { page: state.url, needs: permission } });
  };
}
