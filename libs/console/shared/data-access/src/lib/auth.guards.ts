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

/** Pages that need one permission; others land on the dashboard instead of a broken page. */
export function permissionGuard(permission: Permission): CanActivateFn {
  return async () => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    if ((await auth.restore()) && auth.can(permission)) {
      return true;
    }
    return router.createUrlTree(['/']);
  };
}
