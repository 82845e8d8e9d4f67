import type { Route } from '@angular/router';

/** Children of `admin` (already behind the `mcp:admin` permission guard in the app routes). */
export const adminRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  { path: 'users', title: 'Users · mcp-fleet', loadComponent: () => import('./users/users-page').then((m) => m.UsersPage) },
  { path: 'tokens', title: 'API tokens · mcp-fleet', loadComponent: () => import('./tokens/tokens-page').then((m) => m.TokensPage) },
  { path: 'audit', title: 'Audit log · mcp-fleet', loadComponent: () => import('./audit/audit-page').then((m) => m.AuditPage) },
];
