import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { filter, firstValueFrom } from 'rxjs';

import { EventsApi } from '@mcp-fleet/console/events/data-access';
import { mergeNewestFirst } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, FleetSocket, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { EmptyState, ErrorState, LoadingState, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import type { EventSeverity, FleetEvent } from '@mcp-fleet/shared/contracts';

const PAGE_SIZE = 50;

const SEVERITY_ICONS: Record<EventSeverity, string> = {
  debug: 'bug_report',
  info: 'info',
  warning: 'warning',
  error: 'error',
  critical: 'dangerous',
};

/** This server's history, newest first; live events are added on top as they happen. */
@Component({
  selector: 'mf-server-events-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, EmptyState, ErrorState, LoadingState, RelativeTimePipe],
  templateUrl: './server-events-tab.html',
  styleUrl: './server-events-tab.scss',
})
export class ServerEventsTab implements OnInit {
  private readonly api = inject(EventsApi);
  private readonly socket = inject(FleetSocket);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);

  readonly serverId = input.required<string>();

  protected readonly events = signal<FleetEvent[]>([]);
  protected readonly nextCursor = signal<number | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);

  protected readonly icons = SEVERITY_ICONS;

  ngOnInit(): void {
    // Subscribed before the first page: an event in between is merged, not lost.
    this.socket.events$
      .pipe(
        filter((event) => event.serverId === this.serverId()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((event) => this.events.update((events) => mergeNewestFirst(events, [event])));
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    this.loaded.set(false);
    try {
      const page = await firstValueFrom(this.api.list({ serverId: this.serverId(), limit: PAGE_SIZE }));
      this.events.update((events) => mergeNewestFirst(events, page.items));
      this.nextCursor.set(page.nextCursor);
      this.loaded.set(true);
    } catch (error) {
      this.error.set(toConsoleError(error));
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMore()) {
      return;
    }
    this.loadingMore.set(true);
    try {
      const page = await firstValueFrom(this.api.list({ serverId: this.serverId(), limit: PAGE_SIZE, beforeSeq: cursor }));
      this.events.update((events) => mergeNewestFirst(events, page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.notifier.error(error, 'Loading older events');
    } finally {
      this.loadingMore.set(false);
    }
  }
}
