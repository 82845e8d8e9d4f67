import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { firstValueFrom, ReplaySubject } from 'rxjs';

import { EventsApi } from '@mcp-fleet/console/events/data-access';
import { type ConsoleError, FleetSocket, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { FleetEvent } from '@mcp-fleet/shared/contracts';

import { type EventFilters, listParams, matchesFilters } from './event-filters';

export const PAGE_SIZE = 100;
/** Rows kept in the page at most: beyond this the DOM gets slow, and an export serves better. */
export const MAX_ROWS = 1000;

type Status = 'loading' | 'ready' | 'error';

/**
 * The events list of one page: the newest page first, older pages on demand (`beforeSeq`
 * cursor), and live events from the socket that match the filters. While the reader is at
 * the top new events are prepended; further down they wait as `pending` so the rows being
 * read do not move.
 */
@Injectable()
export class EventsFeed {
  private readonly api = inject(EventsApi);
  private readonly socket = inject(FleetSocket);

  readonly items = signal<FleetEvent[]>([]);
  readonly pending = signal<FleetEvent[]>([]);
  /** More than a page arrived while away from the top: showing them reloads the head. */
  readonly pendingOverflow = signal(false);
  readonly nextCursor = signal<number | null>(null);
  readonly total = signal<number | null>(null);
  readonly status = signal<Status>('loading');
  readonly error = signal<ConsoleError | null>(null);
  readonly loadingMore = signal(false);
  readonly moreError = signal<ConsoleError | null>(null);
  readonly capped = computed(() => this.items().length >= MAX_ROWS);
  readonly canLoadMore = computed(() => this.nextCursor() !== null && !this.capped() && this.status() === 'ready');

  private filters: EventFilters = {};
  /** Bumped on every filter change, so answers for older filters are dropped. */
  private generation = 0;
  private atTop = true;
  /** Live events that arrive while the first page loads, merged once it is there. */
  private buffered: FleetEvent[] = [];
  /** The last event seq of each read of the newest page, as it arrives. */
  private readonly snapshotSeqs = new ReplaySubject<number | null>(1);

  constructor() {
    this.socket.events$.pipe(takeUntilDestroyed()).subscribe((event) => this.onLive(event));
    // Only when the feed joined after events the newest page lacks: a load reads it once.
    this.socket
      .missed(this.snapshotSeqs)
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.refreshHead());
  }

  setFilters(filters: EventFilters): void {
    this.filters = filters;
    void this.reload();
  }

  /** Whether the reader sees the top of the list (new events are then shown at once). */
  setAtTop(atTop: boolean): void {
    this.atTop = atTop;
    if (atTop && this.pending().length > 0 && !this.pendingOverflow()) {
      this.showPending();
    }
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.status.set('loading');
    this.error.set(null);
    this.moreError.set(null);
    this.items.set([]);
    this.clearPending();
    this.buffered = [];
    try {
      const { body: page, seq } = await firstValueFrom(this.api.snapshot(listParams(this.filters, { limit: PAGE_SIZE })));
      if (generation !== this.generation) {
        return;
      }
      this.items.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.total.set(page.total);
      this.status.set('ready');
      const top = page.items[0]?.seq ?? 0;
      const late = this.buffered.filter((event) => event.seq > top);
      this.buffered = [];
      late.forEach((event) => this.onLive(event));
      this.snapshotSeqs.next(seq);
    } catch (error) {
      if (generation === this.generation) {
        this.error.set(toConsoleError(error));
        this.status.set('error');
      }
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMore() || !this.canLoadMore()) {
      return;
    }
    const generation = this.generation;
    this.loadingMore.set(true);
    this.moreError.set(null);
    try {
      const page = await firstValueFrom(this.api.list(listParams(this.filters, { limit: PAGE_SIZE, beforeSeq: cursor })));
      if (generation !== this.generation) {
        return;
      }
      const last = this.items().at(-1)?.seq ?? Number.POSITIVE_INFINITY;
      this.items.update((items) => [...items, ...page.items.filter((event) => event.seq < last)]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) {
        this.moreError.set(toConsoleError(error));
      }
    } finally {
      this.loadingMore.set(false);
    }
  }

  /** Puts the waiting events on top (or reloads when too many arrived to hold). */
  showPending(): void {
    if (this.pendingOverflow()) {
      void this.reload();
      return;
    }
    this.prepend(this.pending());
    this.clearPending();
  }

  private onLive(event: FleetEvent): void {
    if (this.status() === 'loading') {
      this.buffered.push(event);
      return;
    }
    if (this.status() !== 'ready' || event.seq <= this.newestSeq() || !matchesFilters(event, this.filters)) {
      return;
    }
    this.total.update((total) => (total === null ? null : total + 1));
    this.arrive([event]);
  }

  /** After the feed joined late: whatever the socket replay could not cover comes from the first page again. */
  private async refreshHead(): Promise<void> {
    if (this.status() !== 'ready') {
      return;
    }
    const generation = this.generation;
    try {
      const { body: page, seq } = await firstValueFrom(this.api.snapshot(listParams(this.filters, { limit: PAGE_SIZE })));
      if (generation !== this.generation) {
        return;
      }
      const newest = this.newestSeq();
      const fresh = page.items.filter((event) => event.seq > newest);
      const gap = fresh.length === page.items.length && page.nextCursor !== null && this.items().length > 0;
      if (gap && this.atTop) {
        await this.reload();
        return;
      }
      if (gap) {
        this.pendingOverflow.set(true);
        this.pending.set(fresh);
      } else if (fresh.length > 0) {
        this.total.set(page.total);
        this.arrive([...fresh].reverse());
      }
      this.snapshotSeqs.next(seq);
    } catch {
      // The list on screen stays valid; the next reconnect or reload tries again.
    }
  }

  /** Events in ascending seq order, newer than anything shown or waiting. */
  private arrive(events: FleetEvent[]): void {
    const newestFirst = [...events].reverse();
    if (this.atTop && this.pending().length === 0) {
      this.prepend(newestFirst);
      return;
    }
    this.pending.update((pending) => [...newestFirst, ...pending]);
    if (this.pending().length > PAGE_SIZE) {
      this.pendingOverflow.set(true);
      this.pending.update((pending) => pending.slice(0, PAGE_SIZE));
    }
  }

  private prepend(newestFirst: FleetEvent[]): void {
    if (newestFirst.length === 0) {
      return;
    }
    const items = [...newestFirst, ...this.items()];
    if (items.length > MAX_ROWS) {
      const kept = items.slice(0, MAX_ROWS);
      this.items.set(kept);
      // Rows dropped off the end can be read again from the last one kept.
      this.nextCursor.set(kept[kept.length - 1].seq);
    } else {
      this.items.set(items);
    }
  }

  private newestSeq(): number {
    return Math.max(this.pending()[0]?.seq ?? 0, this.items()[0]?.seq ?? 0);
  }

  private clearPending(): void {
    this.pending.set([]);
    this.pendingOverflow.set(false);
  }
}
