import { BreakpointObserver } from '@angular/cdk/layout';
import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, type OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogState } from '@angular/material/dialog';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { catchError, map, of, switchMap, timer } from 'rxjs';

import { AuthStore, FleetSocket, Notifier, ThemeStore } from '@mcp-fleet/console/shared/data-access';
import type { SystemInfo } from '@mcp-fleet/shared/contracts';

import { ChangePasswordDialog } from './change-password-dialog';
import { CommandPalette } from './command-palette';
import { LiveIndicator } from './live-indicator';
import { GO_TO, isTyping, pageSearchField, SEQUENCE_MS, ShortcutsDialog } from './shortcuts';

interface NavItem {
  path: string;
  label: string;
  icon: string;
  exact?: boolean;
}

const THEME_ICONS = { light: 'light_mode', dark: 'dark_mode', system: 'brightness_auto' } as const;
/** How long after the shell appears it reads the version: after the page's first data. */
const ABOUT_DELAY_MS = 1_000;

/**
 * The frame around every signed-in page: navigation (in view however long the page), the live
 * indicator, theme, account (change password, sign out), the API's version and instance, and the
 * keyboard shortcuts (`?` lists them).
 */
@Component({
  selector: 'mf-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'shortcut($event)' },
  styles: `
    /* Side mode (wide screens): the navigation stays in view while a long page scrolls. */
    .mf-sidenav.mat-drawer-side {
      position: fixed;
      top: 64px;
      bottom: 0;
    }
    .mf-sidenav-body {
      display: flex;
      flex-direction: column;
      min-height: 100%;
    }
    .mf-about {
      margin-top: auto;
      padding: 0.75rem 1rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .mf-about p {
      margin: 0;
    }
  `,
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
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  private readonly http = inject(HttpClient);
  /** When `g` was pressed, for `g s`-style sequences; 0 when none is pending. */
  private goPressedAt = 0;
  /**
   * The API's version and the replica that answered (GET /api/system-info); null until known.
   * Read a little after the page's own data, which a first load waits for and this does not.
   */
  protected readonly about = toSignal(
    timer(ABOUT_DELAY_MS).pipe(
      switchMap(() => this.http.get<SystemInfo>('/api/system-info')),
      map((info) => ({ version: info.version, instance: info.instanceId })),
      catchError(() => of(null)),
    ),
    { initialValue: null },
  );
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

  protected changePassword(): void {
    this.dialog
      .open<ChangePasswordDialog, void, boolean>(ChangePasswordDialog, { width: '28rem', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) {
          this.notifier.success('Password changed; your other sessions were signed out');
        }
      });
  }

  protected openShortcuts(): void {
    if (this.dialog.getDialogById('mf-shortcuts') === undefined) {
      this.dialog.open(ShortcutsDialog, { id: 'mf-shortcuts', width: '32rem' });
    }
  }

  protected openPalette(): void {
    const current = this.dialog.getDialogById('mf-palette');
    if (current?.getState() === MatDialogState.CLOSING) {
      // Ctrl+K right after a choice: the last palette is still animating out under its id.
      current.afterClosed().subscribe(() => this.openPalette());
      return;
    }
    if (current !== undefined) {
      return;
    }
    const ref = this.dialog.open(CommandPalette, {
      id: 'mf-palette',
      width: '36rem',
      position: { top: '12dvh' },
      ariaLabelledBy: 'mf-palette-title',
      // Gone at once on a choice, as a command palette is: the next Ctrl+K finds none closing.
      exitAnimationDuration: 0,
    });
    ref.componentInstance.pages.set(this.nav().map((item) => ({ label: item.label, path: item.path, icon: item.icon })));
  }

  /** Keyboard shortcuts; plain keys never fire while typing in a field or with a dialog open. */
  protected shortcut(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.repeat) {
      return;
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      this.openPalette();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || this.dialog.openDialogs.length > 0) {
      this.goPressedAt = 0;
      return;
    }
    const pending = this.goPressedAt > 0 && event.timeStamp - this.goPressedAt <= SEQUENCE_MS;
    this.goPressedAt = 0;
    if (pending && GO_TO[event.key]) {
      event.preventDefault();
      void this.router.navigateByUrl(GO_TO[event.key].path);
    } else if (event.key === 'g') {
      this.goPressedAt = event.timeStamp;
    } else if (event.key === '?') {
      event.preventDefault();
      this.openShortcuts();
    } else if (event.key === '/') {
      const search = pageSearchField(this.document);
      if (search) {
        event.preventDefault();
        search.focus();
      }
    }
  }

  protected async logout(): Promise<void> {
    this.socket.disconnect();
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
