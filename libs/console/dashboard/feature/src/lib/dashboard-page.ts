import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { interval } from 'rxjs';

import { type QuickAction, ServerCard } from '@mcp-fleet/console/servers/ui';
import { AuthStore } from '@mcp-fleet/console/shared/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { DashboardStore } from './dashboard-store';
import { FleetActivity } from './fleet-activity';
import { FleetStats } from './fleet-stats';
import { LiveEventsPanel } from './live-events-panel';

/** Uptimes and "minutes ago" move on this often. */
const CLOCK_TICK_MS = 10_000;

/** The fleet at a glance: figures, the servers that need a look (live), and the newest events. */
@Component({
  selector: 'mf-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [DashboardStore],
  imports: [
    RouterLink,
    MatButtonModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    ServerCard,
    FleetStats,
    LiveEventsPanel,
    FleetActivity,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
})
export class DashboardPage {
  protected readonly store = inject(DashboardStore);
  protected readonly auth = inject(AuthStore);
  protected readonly now = signal(Date.now());
  protected readonly showing = computed(() => {
    const shown = this.store.cards().length;
    const total = this.store.serverTotal();
    return shown < total ? `${shown} of ${total} shown: errors and unhealthy first` : null;
  });

  /**
   * Servers in error, when the cards (failing first) cannot show them all: the link to the list
   * of every one of them. Null when each failing server has its card.
   */
  protected readonly moreFailing = computed(() => {
    const failing = this.store.overview()?.servers.byState.error ?? 0;
    const shown = this.store.cards().filter((server) => server.state === 'error').length;
    return failing > shown ? failing : null;
  });

  constructor() {
    this.store.connect();
    interval(CLOCK_TICK_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.now.set(Date.now()));
  }

  protected act(server: McpServer, action: QuickAction): void {
    this.store.run(server, action);
  }
}
