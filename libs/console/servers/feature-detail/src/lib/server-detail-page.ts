import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked, ViewEncapsulation } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';

import { lifecycleAction } from '@mcp-fleet/console/servers/util';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@mcp-fleet/console/shared/ui';

import { CatalogTab } from './catalog/catalog-tab';
import { DriftBadge } from './drift/drift-badge';
import { DriftPanel } from './drift/drift-panel';
import { DriftStore } from './drift/drift-store';
import { ServerEventsTab } from './events/server-events-tab';
import { PendingRestartBanner } from './header/pending-restart-banner';
import { ServerActions } from './header/server-actions';
import { ServerSummary } from './header/server-summary';
import { HistoryTab } from './history/history-tab';
import { LogsTab } from './logs/logs-tab';
import { ServerOverview } from './overview/server-overview';
import { ServerDetailStore } from './server-detail-store';

/** Tab names as they appear in `?tab=`, in display order. */
const TABS = ['overview', 'tools', 'resources', 'prompts', 'logs', 'events', 'history'] as const;
type TabName = (typeof TABS)[number];

/** One server: what it is, what it does now, and everything that can be done with it. */
@Component({
  selector: 'mf-server-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ServerDetailStore, DriftStore],
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatTabsModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    ServerActions,
    ServerSummary,
    PendingRestartBanner,
    DriftBadge,
    DriftPanel,
    ServerOverview,
    CatalogTab,
    LogsTab,
    ServerEventsTab,
    HistoryTab,
  ],
  templateUrl: './server-detail-page.html',
  styleUrl: './server-detail-page.scss',
  // The tab header lives inside mat-tab-group; its rules are scoped by the host element instead.
  encapsulation: ViewEncapsulation.None,
})
export class ServerDetailPage {
  private readonly router = inject(Router);
  protected readonly store = inject(ServerDetailStore);
  private readonly drift = inject(DriftStore);

  /** From the route (`servers/:id`). */
  readonly id = input.required<string>();
  /** From the query string (`?tab=logs`), so a tab can be linked to and survives a reload. */
  readonly tab = input<string | undefined>(undefined);

  protected readonly tabIndex = computed(() => Math.max(0, TABS.indexOf(this.tab() as TabName)));
  protected readonly progress = computed(() => {
    const pending = this.store.pending();
    const name = this.store.server()?.name ?? '';
    if (pending === null) {
      return null;
    }
    return pending === 'delete' ? `Deleting ${name}…` : `${lifecycleAction(pending).progress} ${name}…`;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.store.load(id);
        this.drift.load(id);
      });
    });
    // The route title says "Server"; the tab should name which one.
    const title = inject(Title);
    effect(() => {
      const name = this.store.server()?.name;
      if (name) {
        title.setTitle(`${name} · mcp-fleet`);
      }
    });
  }

  protected selectTab(index: number): void {
    const tab = TABS[index] ?? 'overview';
    void this.router.navigate([], {
      queryParams: { tab: tab === 'overview' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
