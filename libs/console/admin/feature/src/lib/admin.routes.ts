import type { Route } from '@angular/router';

export const adminRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  { path: 'users', title: 'Users · mcp-fleet', loadComponent: () => import('./users-page').then((m) => m.UsersPage) },
];
