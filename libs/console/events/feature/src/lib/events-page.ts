import { ChangeDetectionStrategy, Component, computed, DestroyRef, DOCUMENT, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { distinctUntilChanged, map } from 'rxjs';

import { downloadExport, EventsApi } from '@mcp-fleet/console/events/data-access';
import { AuthStore, Notifier } from '@mcp-fleet/console/shared/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader, relativeTime } from '@mcp-fleet/console/shared/ui';
import { type EventSeverity, exportFileName, type ExportFormat } from '@mcp-fleet/shared/contracts';

import { EventDetail } from './event-detail';
import { type EventFilters, filtersFromParams, hasFilters, sameFilters } from './event-filters';
import { EventFiltersBar } from './event-filters-bar';
import { EventsFeed, MAX_ROWS } from './events-feed';
import { InView } from './in-view';

const SEVERITY_ICONS: Record<EventSeverity, string> = {
  debug: 'bug_report',
  info: 'info',
  warning: 'warning',
  error: 'error',
  critical: 'crisis_alert',
};

/** The event history: filtered through the URL, scrolled back page by page, and live at the top. */
@Component({
  selector: 'mf-events-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    PageHeader,
    LoadingState,
    ErrorState,
    EmptyState,
    EventFiltersBar,
    EventDetail,
    InView,
  ],
  providers: [EventsFeed],
  templateUrl: './events-page.html',
  styleUrl: './events-page.scss',
})
export class EventsPage {
  protected readonly feed = inject(EventsFeed);
  private readonly api = inject(EventsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  protected readonly auth = inject(AuthStore);

  protected readonly filters = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => filtersFromParams((key) => params.get(key))),
      distinctUntilChanged(sameFilters),
    ),
    { initialValue: {} },
  );
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly expanded = signal<ReadonlySet<number>>(new Set());
  protected readonly exporting = signal<ExportFormat | null>(null);
  protected readonly bottomVisible = signal(false);
  /** Relative times are recomputed from this, so "2 min ago" does not freeze. */
  protected readonly now = signal(Date.now());
  protected readonly icons = SEVERITY_ICONS;
  protected readonly maxRows = MAX_ROWS;

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => {
        this.expanded.set(new Set());
        this.feed.setFilters(filters);
      });
    });
    // Scrolling near the end loads the next older page, and keeps loading while the end stays in view.
    effect(() => {
      if (this.bottomVisible() && this.feed.canLoadMore() && !this.feed.loadingMore() && !this.feed.moreError()) {
        untracked(() => void this.feed.loadMore());
      }
    });
    // New rows must not read "in 1 sec": move the clock along whenever the list changes.
    effect(() => {
      this.feed.items();
      untracked(() => this.now.set(Date.now()));
    });
    const timer = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected relative(timestamp: string): string {
    // The API's clock may run slightly ahead of the browser's; never show a past event as future.
    return relativeTime(timestamp, Math.max(this.now(), Date.parse(timestamp)));
  }

  protected exact(timestamp: string): string {
    return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) + ` (${timestamp})`;
  }

  protected applyFilters(filters: EventFilters): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filters, replaceUrl: true });
  }

  protected clearFilters(): void {
    this.applyFilters({});
  }

  protected toggle(seq: number): void {
    this.expanded.update((open) => {
      const next = new Set(open);
      if (!next.delete(seq)) {
        next.add(seq);
      }
      return next;
    });
  }

  protected showNew(top: HTMLElement): void {
    this.feed.showPending();
    top.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  protected async export(format: ExportFormat): Promise<void> {
    if (this.exporting()) {
      return;
    }
    this.exporting.set(format);
    try {
      await downloadExport(this.api.export(this.filters(), format), exportFileName('events', format), this.document, this.notifier);
    } finally {
      this.exporting.set(null);
    }
  }
}
