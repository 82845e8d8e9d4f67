import { computed, DestroyRef, inject, Injectable, Injector, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { auditTime, catchError, distinctUntilChanged, filter, map, merge, of, Subject, switchMap } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import {
  applyHealthEvent,
  applyStatusChange,
  BulkProgressMatcher,
  type BulkResultRow,
  type BulkTally,
  type QuickAction,
  withPending,
  withState,
} from '@mcp-fleet/console/servers/ui';
import { AuthStore, type ConsoleError, FleetSocket, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { type BulkOperation, type BulkOperationResponse, EVENT_TYPES, type McpServer, type Page } from '@mcp-fleet/shared/contracts';

import { parseListQuery, type ServerListQuery, toListParams, toQueryParams, withChange } from './servers-list-query';

export type LoadStatus = 'loading' | 'ready' | 'error';

/** A bulk operation started from this page. */
export interface BulkRun {
  operation: BulkOperation;
  tally: BulkTally;
  running: boolean;
  results: BulkResultRow[] | null;
}

type Loaded = { page: Page<McpServer> } | { error: unknown };

const VERBS: Record<QuickAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/**
 * The servers list: the query lives in the URL, rows come from REST and stay live from the
 * socket, and bulk operations report their progress from the socket while the POST runs.
 */
@Injectable()
export class ServersListStore {
  private readonly api = inject(ServersApi);
  private readonly socket = inject(FleetSocket);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly reload$ = new Subject<void>();
  private matcher: BulkProgressMatcher | null = null;

  readonly query = toSignal(this.route.queryParamMap.pipe(map(parseListQuery)), { requireSync: true });
  readonly rows = signal<readonly McpServer[]>([]);
  readonly total = signal(0);
  /** `loading` only until the first answer; later loads keep the rows and set `refreshing`. */
  readonly status = signal<LoadStatus>('loading');
  readonly refreshing = signal(false);
  readonly error = signal<ConsoleError | null>(null);
  /** Selected servers, id → name (names label the bulk results). */
  readonly selected = signal<ReadonlyMap<string, string>>(new Map());
  readonly pending = signal<ReadonlyMap<string, QuickAction>>(new Map());
  readonly bulk = signal<BulkRun | null>(null);

  readonly canBulk = computed(() => this.auth.can('mcp:bulk_operations'));
  readonly canManage = computed(() => this.auth.can('mcp:manage_servers'));
  readonly canConfigure = computed(() => this.auth.can('mcp:configure_servers'));
  readonly bulkRunning = computed(() => this.bulk()?.running ?? false);

  connect(): void {
    const query$ = toObservable(this.query, { injector: this.injector }).pipe(
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    );
    query$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.selected.set(new Map()));
    merge(query$, this.reload$.pipe(map(() => this.query())))
      .pipe(
        switchMap((query) => {
          this.refreshing.set(true);
          if (this.status() === 'error') {
            this.status.set('loading');
          }
          return this.api.list(toListParams(query)).pipe(
            map((page): Loaded => ({ page })),
            catchError((error: unknown) => of<Loaded>({ error })),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((loaded) => this.accept(loaded));

    this.socket.statusChanges$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((change) => this.patchRows((row) => applyStatusChange(row, change)));
    this.socket.events$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((event) => this.patchRows((row) => applyHealthEvent(row, event)));
    this.socket.bulkProgress$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((progress) => {
      const tally = this.matcher?.accept(progress);
      if (tally) {
        this.bulk.update((run) => (run?.running ? { ...run, tally } : run));
      }
    });
    // Servers added or removed elsewhere, or a reconnect that may have missed changes: reload.
    merge(
      this.socket.events$.pipe(filter((event) => event.type === EVENT_TYPES.serverRegistered || event.type === EVENT_TYPES.serverDeleted)),
      this.socket.resubscribed$,
    )
      .pipe(auditTime(1000), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.reload$.next());
  }

  /** Moves the URL to a changed query; typing in a text filter replaces the entry instead of stacking history. */
  update(change: Partial<ServerListQuery>, replaceUrl = false): void {
    const next = withChange(this.query(), change);
    void this.router.navigate([], { relativeTo: this.route, queryParams: toQueryParams(next), replaceUrl });
  }

  reload(): void {
    this.reload$.next();
  }

  toggle(server: McpServer): void {
    const next = new Map(this.selected());
    if (next.has(server.id)) {
      next.delete(server.id);
    } else {
      next.set(server.id, server.name);
    }
    this.selected.set(next);
  }

  /** Selects every row of this page, or clears them when all are selected already. */
  togglePage(): void {
    const rows = this.rows();
    const next = new Map(this.selected());
    const all = rows.length > 0 && rows.every((row) => next.has(row.id));
    for (const row of rows) {
      if (all) {
        next.delete(row.id);
      } else {
        next.set(row.id, row.name);
      }
    }
    this.selected.set(next);
  }

  clearSelection(): void {
    this.selected.set(new Map());
  }

  run(server: McpServer, action: QuickAction): void {
    if (this.pending().has(server.id)) {
      return;
    }
    this.setPending(server.id, action);
    this.api
      .command(server.id, action)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.setPending(server.id, null);
          this.patchRows((row) => (row.id === server.id ? withState(row, result.state) : row));
          if (result.success) {
            this.notifier.success(`${result.serverName}: ${result.message}`);
          } else {
            this.notifier.failure(`${VERBS[action]} ${server.name} failed: ${result.message}`, result.errorCode);
          }
        },
        error: (error: unknown) => {
          this.setPending(server.id, null);
          this.notifier.error(error, `${VERBS[action]} ${server.name}`);
        },
      });
  }

  /**
   * Runs one command on the selected servers. The POST answers when every server is done;
   * meanwhile the socket's progress messages for this operation drive the bar.
   */
  runBulk(operation: BulkOperation): void {
    const targets = new Map(this.selected());
    if (targets.size === 0 || this.bulkRunning()) {
      return;
    }
    const serverIds = [...targets.keys()];
    const matcher = new BulkProgressMatcher(operation, serverIds);
    this.matcher = matcher;
    this.bulk.set({ operation, tally: { total: serverIds.length, completed: 0, succeeded: 0, failed: 0 }, running: true, results: null });
    this.api
      .bulk(operation, serverIds, crypto.randomUUID())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          matcher.confirm(response.operationId);
          this.matcher = null;
          this.finishBulk(response, targets);
        },
        error: (error: unknown) => {
          this.matcher = null;
          this.bulk.set(null);
          this.notifier.error(error, `Bulk ${operation}`);
        },
      });
  }

  dismissBulk(): void {
    if (!this.bulkRunning()) {
      this.bulk.set(null);
    }
  }

  private finishBulk(response: BulkOperationResponse, names: ReadonlyMap<string, string>): void {
    const results = response.results.map<BulkResultRow>((item) => ({
      serverId: item.serverId,
      name: names.get(item.serverId) ?? item.serverId,
      success: item.success,
      message: item.message,
      code: item.code,
    }));
    const states = new Map(response.results.map((item) => [item.serverId, item.state]));
    this.patchRows((row) => withState(row, states.get(row.id)));
    this.bulk.set({
      operation: response.operation,
      tally: { total: response.total, completed: response.total, succeeded: response.succeeded, failed: response.failed },
      running: false,
      results,
    });
    this.selected.set(new Map());
    if (response.failed > 0) {
      this.notifier.failure(`Bulk ${response.operation}: ${response.failed} of ${response.total} failed`);
    } else {
      this.notifier.success(`Bulk ${response.operation}: all ${response.total} succeeded`);
    }
  }

  private accept(loaded: Loaded): void {
    this.refreshing.set(false);
    if ('error' in loaded) {
      // A failed refresh keeps the rows on screen; only a failed first load shows the error state.
      if (this.status() !== 'ready') {
        this.error.set(toConsoleError(loaded.error));
        this.status.set('error');
      } else {
        this.error.set(this.notifier.error(loaded.error, 'Refreshing the servers'));
      }
      return;
    }
    this.rows.set(loaded.page.items);
    this.total.set(loaded.page.total);
    this.error.set(null);
    this.status.set('ready');
    // Keep only selections that are still on the page (a reload may have dropped servers).
    const present = new Set(loaded.page.items.map((row) => row.id));
    const selected = this.selected();
    if ([...selected.keys()].some((id) => !present.has(id))) {
      this.selected.set(new Map([...selected].filter(([id]) => present.has(id))));
    }
  }

  private patchRows(patch: (row: McpServer) => McpServer): void {
    const rows = this.rows();
    let changed = false;
    const next = rows.map((row) => {
      const patched = patch(row);
      changed ||= patched !== row;
      return patched;
    });
    if (changed) {
      this.rows.set(next);
    }
  }

  private setPending(serverId: string, action: QuickAction | null): void {
    this.pending.set(withPending(this.pending(), serverId, action));
  }
}
