import { inject } from '@angular/core';
import { type ActivatedRouteSnapshot, type CanActivateFn, Router, type RouterStateSnapshot } from '@angular/router';

import type { Permission } from '@mcp-fleet/shared/contracts';

import { AuthStore } from './auth.store';

/** Pages behind the login: restores the session from the cookie, else goes to /login?returnUrl=… */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const restoring = auth.restore();
  preloadPages(state);
  if (await restoring) {
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

/**
 * Starts loading the lazy pages a navigation will show while the session is restored: the router
 * loads them only once every guard has passed, which put the page's download after the refresh
 * on every first load. The router's own load later gets the same module from the browser.
 */
function preloadPages(state: RouterStateSnapshot): void {
  for (let route: ActivatedRouteSnapshot | null = state.root; route; route = route.firstChild) {
    const loading = route.routeConfig?.loadComponent?.();
    if (loading instanceof Promise) {
      // A failed download is reported by the router's own load of the page.
      loading.catch(() => undefined);
    }
  }
}
