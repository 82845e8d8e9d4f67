import type { Route } from '@angular/router';

import { permissionGuard, signedInGuard } from '@mcp-fleet/console/shared/data-access';
import { NoAccessPage, NotFoundPage, Shell } from '@mcp-fleet/console/shell/feature';

/** Every page is a lazy feature library; the shell frames the signed-in ones. */
export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in · mcp-fleet',
    loadComponent: () => import('@mcp-fleet/console/auth/feature-login').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: Shell,
    canActivate: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard · mcp-fleet',
        loadComponent: () => import('@mcp-fleet/console/dashboard/feature').then((m) => m.DashboardPage),
      },
      {
        path: 'servers',
        title: 'Servers · mcp-fleet',
        loadComponent: () => import('@mcp-fleet/console/servers/feature-list').then((m) => m.ServersListPage),
      },
      {
        path: 'servers/new',
        title: 'Add server · mcp-fleet',
        canActivate: [permissionGuard('mcp:configure_servers')],
        loadComponent: () => import('@mcp-fleet/console/servers/feature-edit').then((m) => m.ServerEditPage),
      },
      {
        path: 'servers/:id/edit',
        title: 'Edit server · mcp-fleet',
        canActivate: [permissionGuard('mcp:configure_servers')],
        loadComponent: () => import('@mcp-fleet/console/servers/feature-edit').then((m) => m.ServerEditPage),
      },
      {
        path: 'servers/:id',
        title: 'Server · mcp-fleet',
        loadComponent: () => import('@mcp-fleet/console/servers/feature-detail').then((m) => m.ServerDetailPage),
      },
      {
        path: 'events',
        title: 'Events · mcp-fleet',
        loadComponent: () => import('@mcp-fleet/console/events/feature').then((m) => m.EventsPage),
      },
      {
        path: 'gateway',
        title: 'Gateway · mcp-fleet',
        loadComponent: () => import('@mcp-fleet/console/gateway/feature').then((m) => m.GatewayPage),
      },
      {
        path: 'admin',
        canActivate: [permissionGuard('mcp:admin')],
        loadChildren: () => import('@mcp-fleet/console/admin/feature').then((m) => m.adminRoutes),
      },
      { path: 'no-access', title: 'No access · mcp-fleet', component: NoAccessPage },
      // Unknown URLs keep their address and say so, inside the shell (signed in) or via the login.
      { path: '**', title: 'Page not found · mcp-fleet', component: NotFoundPage },
    ],
  },
];
