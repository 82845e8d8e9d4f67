import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, type OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { AuthStore, FleetSocket, ThemeStore } from '@mcp-fleet/console/shared/data-access';

import { LiveIndicator } from './live-indicator';

interface NavItem {
  path: string;
  label: string;
  icon: string;
  exact?: boolean;
}

const THEME_ICONS = { light: 'light_mode', dark: 'dark_mode', system: 'brightness_auto' } as const;

/** The frame around every signed-in page: navigation, the live indicator, theme and account. */
@Component({
  selector: 'mf-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatSidenavModule,
    MatToolbarModule,
    MatListModule,
    MatButtonModule,
    MatMenuModule,
    MatTooltipModule,
    LiveIndicator,
  ],
  templateUrl: './shell.html',
})
export class Shell implements OnInit {
  private readonly router = inject(Router);
  private readonly socket = inject(FleetSocket);
  protected readonly auth = inject(AuthStore);
  protected readonly theme = inject(ThemeStore);
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly themeIcon = computed(() => THEME_ICONS[this.theme.choice()]);
  protected readonly nav = computed<NavItem[]>(() => [
    { path: '/', label: 'Dashboard', icon: 'dashboard', exact: true },
    { path: '/servers', label: 'Servers', icon: 'dns' },
    { path: '/events', label: 'Events', icon: 'timeline' },
    { path: '/gateway', label: 'Gateway', icon: 'cable' },
    ...(this.auth.can('mcp:admin')
      ? [
          { path: '/admin/users', label: 'Users', icon: 'group' },
          { path: '/admin/tokens', label: 'API tokens', icon: 'key' },
          { path: '/admin/audit', label: 'Audit log', icon: 'policy' },
        ]
      : []),
  ]);

  ngOnInit(): void {
    this.socket.connect();
  }

  protected async logout(): Promise<void> {
    this.socket.disconnect();
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
