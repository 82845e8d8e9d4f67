import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { auditTime, filter, interval, merge, ReplaySubject } from 'rxjs';

import { EventsApi } from '@mcp-fleet/console/events/data-access';
import { CommandUndo, ServersApi } from '@mcp-fleet/console/servers/data-access';
import { applyHealthEvent, applyStatusChange, byAttention, type QuickAction, withPending, withState } from '@mcp-fleet/console/servers/ui';
import { AuthStore, type ConsoleError, FleetSocket, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { EVENT_TYPES, type FleetEvent, type FleetOverview, type McpServer, type Page } from '@mcp-fleet/shared/contracts';

import { CoalescedRefresh } from './coalesced-refresh';

/** Cards shown at most: enough to see what needs attention, few enough to paint a 1,000-server fleet at once. */
export const MAX_CARDS = 48;
/** One list call fetches this many candidates (the API's page-size limit). */
const CANDIDATES = 100;
/** Newest events kept in the live panel. */
export const MAX_EVENTS = 20;

export type LoadStatus = 'loading' | 'ready' | 'error';

/** Events that add, rename or remove servers, or move their drift: the card snapshot is stale after them. */
const REGISTRY_EVENTS = new Set<string>([
  EVENT_TYPES.serverRegistered,
  EVENT_TYPES.serverUpdated,
  EVENT_TYPES.serverDeleted,
  EVENT_TYPES.toolDriftDetected,
  EVENT_TYPES.toolApproved,
]);

/**
 * The dashboard's state: the fleet figures, the cards needing attention (kept live from the
 * socket), and the newest events. REST gives the snapshots; the socket keeps them current.
 */
@Injectable()
export class DashboardStore {
  private readonly serversApi = inject(ServersApi);
  private readonly eventsApi = inject(EventsApi);
  private readonly socket = inject(FleetSocket);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(Notifier);
  private readonly commandUndo = inject(CommandUndo);
  private readonly destroyRef = inject(DestroyRef);

  readonly overview = signal<FleetOverview | null>(null);
  readonly overviewError = signal<ConsoleError | null>(null);

  /** The fetched candidates by id, updated live. */
  private readonly servers = signal<ReadonlyMap<string, McpServer>>(new Map());
  /** Card order, fixed at each snapshot so cards do not jump under the pointer on live changes. */
  private readonly order = signal<readonly string[]>([]);
  readonly cards = computed(() => {
    const servers = this.servers();
    return this.order()
      .map((id) => servers.get(id))
      .filter((server): server is McpServer => server !== undefined);
  });
  readonly serverTotal = signal(0);
  readonly cardsStatus = signal<LoadStatus>('loading');
  readonly cardsError = signal<ConsoleError | null>(null);
  /** The command in flight per server. */
  readonly pending = signal<ReadonlyMap<string, QuickAction>>(new Map());

  readonly events = signal<readonly FleetEvent[]>([]);
  readonly eventsStatus = signal<LoadStatus>('loading');
  readonly eventsError = signal<ConsoleError | null>(null);
  readonly canViewEvents = computed(() => this.auth.can('mcp:view_events'));
  readonly canManage = computed(() => this.auth.can('mcp:manage_servers'));
  /** The last event seq of each cards snapshot, as it arrives. */
  private readonly snapshotSeqs = new ReplaySubject<number | null>(1);

  private readonly overviewRefresh = new CoalescedRefresh(
    () => this.serversApi.overview(),
    {
      next: (overview) => {
        this.overview.set(overview);
        this.overviewError.set(null);
      },
      error: (error) => this.overviewError.set(toConsoleError(error)),
    },
    this.destroyRef,
  );

  private readonly cardsRefresh = new CoalescedRefresh(
    // `status` sorts error first, then running: the servers most worth a look come back in one call.
    () => this.serversApi.snapshot({ pageSize: CANDIDATES, sort: 'status' }),
    {
      next: (snapshot) => {
        this.acceptServers(snapshot.body);
        this.snapshotSeqs.next(snapshot.seq);
      },
      error: (error) => this.failCards(error),
    },
    this.destroyRef,
  );

  private readonly eventsRefresh = new CoalescedRefresh(
    () => this.eventsApi.list({ limit: MAX_EVENTS }),
    {
      next: (page) => {
        this.mergeEvents(page.items);
        this.eventsStatus.set('ready');
        this.eventsError.set(null);
      },
      error: (error) => {
        this.eventsError.set(toConsoleError(error));
        this.eventsStatus.set('error');
      },
    },
    this.destroyRef,
  );

  /** Loads the snapshots and follows the socket until the page goes away. */
  connect(): void {
    this.overviewRefresh.request();
    this.cardsRefresh.request();
    if (this.canViewEvents()) {
      this.eventsRefresh.request();
    }
    const untilDestroyed = <T>() => takeUntilDestroyed<T>(this.destroyRef);

    this.socket.statusChanges$.pipe(untilDestroyed()).subscribe((change) => {
      const current = this.servers().get(change.serverId);
      if (current) {
        this.patchServer(applyStatusChange(current, change));
      }
    });
    this.socket.events$.pipe(untilDestroyed()).subscribe((event) => {
      this.mergeEvents([event]);
      const current = event.serverId ? this.servers().get(event.serverId) : undefined;
      if (current) {
        this.patchServer(applyHealthEvent(current, event));
      }
    });

    // Figures follow the fleet at most once a second while it is busy (a bulk start sends
    // thousands of changes), and once a minute anyway so "last hour" slides.
    merge(this.socket.statusChanges$, this.socket.events$, interval(60_000))
      .pipe(auditTime(1000), untilDestroyed())
      .subscribe(() => this.overviewRefresh.request());
    // A server outside the snapshot moved, one failed (its card shows why, and failing servers
    // come first), or the registry changed: take a new snapshot.
    merge(
      this.socket.statusChanges$.pipe(filter((change) => !this.servers().has(change.serverId) || change.to === 'error')),
      this.socket.events$.pipe(filter((event) => REGISTRY_EVENTS.has(event.type))),
    )
      .pipe(auditTime(2000), untilDestroyed())
      .subscribe(() => this.cardsRefresh.request());
    // The snapshots load at once, beside the feed's subscription; they are read again only if
    // the feed went live after events they do not include (see FleetSocket.missed).
    this.socket
      .missed(this.snapshotSeqs)
      .pipe(untilDestroyed())
      .subscribe(() => {
        this.overviewRefresh.request();
        this.cardsRefresh.request();
      });
    this.socket.resubscribed$.pipe(untilDestroyed()).subscribe(() => {
      if (this.overviewError()) {
        this.overviewRefresh.request();
      }
      if (this.cardsStatus() === 'error') {
        this.cardsRefresh.request();
      }
      if (this.canViewEvents() && this.eventsStatus() === 'error') {
        this.eventsRefresh.request();
      }
    });
  }

  retryCards(): void {
    this.cardsStatus.set('loading');
    this.cardsRefresh.request();
  }

  retryEvents(): void {
    this.eventsStatus.set('loading');
    this.eventsRefresh.request();
  }

  retryOverview(): void {
    this.overviewError.set(null);
    this.overviewRefresh.request();
  }

  run(server: McpServer, action: QuickAction): void {
    if (this.pending().has(server.id)) {
      return;
    }
    this.setPending(server.id, action);
    const verb = action === 'start' ? 'Start' : action === 'stop' ? 'Stop' : 'Restart';
    this.serversApi
      .command(server.id, action)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.setPending(server.id, null);
          const current = this.servers().get(server.id);
          if (current) {
            this.patchServer(withState(current, result.state));
          }
          if (result.success) {
            this.commandUndo.confirm(result);
          } else {
            this.notifier.failure(`${verb} ${server.name} failed: ${result.message}`, result.errorCode);
          }
        },
        error: (error: unknown) => {
          this.setPending(server.id, null);
          this.notifier.error(error, `${verb} ${server.name}`);
        },
      });
  }

  private acceptServers(page: Page<McpServer>): void {
    const sorted = [...page.items].sort(byAttention);
    this.servers.set(new Map(sorted.map((server) => [server.id, server])));
    this.order.set(sorted.slice(0, MAX_CARDS).map((server) => server.id));
    this.serverTotal.set(page.total);
    this.cardsStatus.set('ready');
    this.cardsError.set(null);
  }

  private failCards(error: unknown): void {
    this.cardsError.set(toConsoleError(error));
    // Keep showing the last snapshot when a refresh fails; only a first load turns into an error.
    if (this.cardsStatus() !== 'ready') {
      this.cardsStatus.set('error');
    }
  }

  private patchServer(server: McpServer): void {
    const servers = this.servers();
    if (servers.get(server.id) === server) {
      return;
    }
    const next = new Map(servers);
    next.set(server.id, server);
    this.servers.set(next);
  }

  private setPending(serverId: string, action: QuickAction | null): void {
    this.pending.set(withPending(this.pending(), serverId, action));
  }

  /** Newest first, each seq once (the REST page and the live feed overlap), at most MAX_EVENTS. */
  private mergeEvents(incoming: readonly FleetEvent[]): void {
    const current = this.events();
    if (incoming.length === 1 && (current.length === 0 || incoming[0].seq > current[0].seq)) {
      this.events.set([incoming[0], ...current].slice(0, MAX_EVENTS));
      return;
    }
    const bySeq = new Map(current.map((event) => [event.seq, event]));
    for (const event of incoming) {
      bySeq.set(event.seq, event);
    }
    this.events.set([...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, MAX_EVENTS));
  }
}
