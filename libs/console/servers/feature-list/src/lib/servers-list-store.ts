import { computed, DestroyRef, DOCUMENT, inject, Injectable, Injector, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { auditTime, catchError, distinctUntilChanged, filter, map, merge, of, Subject, switchMap } from 'rxjs';

import { downloadExport } from '@mcp-fleet/console/events/data-access';
import { CommandUndo, FleetApi, OperationsApi, ServersApi } from '@mcp-fleet/console/servers/data-access';
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
import { AuthStore, type ConsoleError, FleetSocket, Notifier, type Snapshot, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import {
  type BulkOperation,
  type BulkOperationResponse,
  EVENT_TYPES,
  type FleetEvent,
  type FleetFormat,
  type McpServer,
  type Page,
  type UndoOperationResponse,
} from '@mcp-fleet/shared/contracts';

import { parseListQuery, type ServerListQuery, toFilter, toListParams, toQueryParams, withChange } from './servers-list-query';

export type LoadStatus = 'loading' | 'ready' | 'error';

/** A bulk operation started from this page, or the undo of one. */
export interface BulkRun {
  operation: BulkOperation | 'undo';
  /** The panel's heading. */
  title: string;
  tally: BulkTally;
  running: boolean;
  results: BulkResultRow[] | null;
  /** What an undo takes, once the API has answered. */
  operationId: string | null;
  /** Undo is offered: a finished bulk operation that changed servers and was not undone yet. */
  undoable: boolean;
}

type Loaded = Snapshot<Page<McpServer>> | { error: unknown };

/** Events of any server after which the list may be stale: servers came or went, or their drift moved. */
const RELOAD_EVENTS: ReadonlySet<string> = new Set([
  EVENT_TYPES.serverRegistered,
  EVENT_TYPES.serverDeleted,
  EVENT_TYPES.toolDriftDetected,
  EVENT_TYPES.toolApproved,
]);

/** An undo the API refuses for good: nothing left to offer. */
const UNDO_GONE: ReadonlySet<string> = new Set(['OPERATION_ALREADY_UNDONE', 'OPERATION_NOT_FOUND']);

const VERBS: Record<QuickAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/**
 * The servers list: the query lives in the URL, rows come from REST and stay live from the
 * socket, and bulk operations report their progress from the socket while the POST runs.
 */
@Injectable()
export class ServersListStore {
  private readonly api = inject(ServersApi);
  private readonly operations = inject(OperationsApi);
  private readonly fleet = inject(FleetApi);
  private readonly document = inject(DOCUMENT);
  private readonly socket = inject(FleetSocket);
  private readonly notifier = inject(Notifier);
  private readonly commandUndo = inject(CommandUndo);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly reload$ = new Subject<void>();
  private matcher: BulkProgressMatcher | null = null;
  /** The servers of the last bulk run, id → name (they label its undo's results too). */
  private bulkTargets: ReadonlyMap<string, string> = new Map();

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
  /** The export being downloaded, if any. */
  readonly exporting = signal<FleetFormat | null>(null);

  /** "Select all N matching" is asking the API for the matching servers. */
  readonly selectingAll = signal(false);

  readonly canBulk = computed(() => this.auth.can('mcp:bulk_operations'));
  readonly canManage = computed(() => this.auth.can('mcp:manage_servers'));
  readonly canConfigure = computed(() => this.auth.can('mcp:configure_servers'));
  readonly bulkRunning = computed(() => this.bulk()?.running ?? false);

  connect(): void {
    const query$ = toObservable(this.query, { injector: this.injector }).pipe(
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    );
    // The list loads at once, beside the live feed's subscription; it is read again only if the
    // feed went live after events the list does not include (see FleetSocket.missed).
    const snapshotSeqs = new Subject<number | null>();
    this.socket
      .missed(snapshotSeqs)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.reload$.next());
    merge(query$, this.reload$.pipe(map(() => this.query())))
      .pipe(
        switchMap((query) => {
          this.refreshing.set(true);
          if (this.status() === 'error') {
            this.status.set('loading');
          }
          return this.api.snapshot(toListParams(query)).pipe(catchError((error: unknown) => of<Loaded>({ error })));
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((loaded) => {
        this.accept(loaded);
        if ('seq' in loaded) {
          snapshotSeqs.next(loaded.seq);
        }
      });

    this.socket.statusChanges$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((change) => this.patchRows((row) => applyStatusChange(row, change)));
    this.socket.events$
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((event) => this.patchRows((row) => applyHealthEvent(row, event)));
    // The selection outlives pages and filters; a deleted server leaves it.
    this.socket.events$
      .pipe(
        filter((event) => event.type === EVENT_TYPES.serverDeleted && event.serverId !== null && this.selected().has(event.serverId)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((event) => {
        const next = new Map(this.selected());
        next.delete(event.serverId as string);
        this.selected.set(next);
      });
    this.socket.bulkProgress$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((progress) => {
      const tally = this.matcher?.accept(progress);
      if (tally) {
        this.bulk.update((run) => (run?.running ? { ...run, tally } : run));
      }
    });
    // Servers added or removed elsewhere, drift found or approved (rows move in and out of
    // "Needs approval"), or a pending restart set or cleared: reload.
    // A row that moved to error is re-read too: its row shows why it failed.
    merge(
      this.socket.events$.pipe(filter((event) => this.staleAfter(event))),
      this.socket.statusChanges$.pipe(filter((change) => change.to === 'error' && this.rows().some((row) => row.id === change.serverId))),
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

  /** Downloads the whole fleet as a document (`fleet.yaml` or `fleet.json`), whatever the filters. */
  async exportFleet(format: FleetFormat): Promise<void> {
    if (this.exporting()) {
      return;
    }
    this.exporting.set(format);
    try {
      await downloadExport(this.fleet.export(format), `fleet.${format}`, this.document, this.notifier);
    } finally {
      this.exporting.set(null);
    }
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

  /**
   * Adds every server the current filters match (not only this page) to the selection, as the
   * API lists them now. More than one bulk operation takes is refused by the API (the page
   * does not offer it).
   */
  selectAllMatching(): void {
    if (this.selectingAll()) {
      return;
    }
    this.selectingAll.set(true);
    this.api
      .matching(toFilter(this.query()))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (selection) => {
          this.selectingAll.set(false);
          const next = new Map(this.selected());
          for (const { id, name } of selection.items) {
            next.set(id, name);
          }
          this.selected.set(next);
        },
        error: (error: unknown) => {
          this.selectingAll.set(false);
          this.notifier.error(error, 'Selecting all matching servers');
        },
      });
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
            this.commandUndo.confirm(result);
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
    this.bulkTargets = targets;
    this.bulk.set({
      operation,
      title: `Bulk ${operation}`,
      tally: { total: serverIds.length, completed: 0, succeeded: 0, failed: 0 },
      running: true,
      results: null,
      operationId: null,
      undoable: false,
    });
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

  /**
   * Undoes the last bulk operation: the API puts each of its servers back to its desired state
   * before it, as a new bulk operation whose progress and results the panel shows; a server
   * changed since by someone else is a conflict, left as it is.
   */
  undoBulk(): void {
    const run = this.bulk();
    if (!run || run.running || !run.undoable || run.operationId === null || run.operation === 'undo') {
      return;
    }
    const { operationId, operation } = run;
    const targets = this.bulkTargets;
    const matcher = new BulkProgressMatcher('undo', [...targets.keys()]);
    this.matcher = matcher;
    this.bulk.set({
      operation: 'undo',
      title: `Undo of bulk ${operation}`,
      tally: { total: targets.size, completed: 0, succeeded: 0, failed: 0 },
      running: true,
      results: null,
      operationId: null,
      undoable: false,
    });
    this.operations
      .undo(operationId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          matcher.confirm(response.operationId);
          this.matcher = null;
          this.finishUndo(response, targets, operation);
        },
        error: (error: unknown) => {
          this.matcher = null;
          const problem = this.notifier.error(error, `Undo bulk ${operation}`);
          this.bulk.set({ ...run, undoable: !UNDO_GONE.has(problem.code) });
        },
      });
  }

  dismissBulk(): void {
    if (!this.bulkRunning()) {
      this.bulk.set(null);
    }
  }

  private finishBulk(response: BulkOperationResponse, names: ReadonlyMap<string, string>): void {
    this.bulk.set({
      ...this.finishedRun(response, names),
      operation: response.operation,
      title: `Bulk ${response.operation}`,
      // An operation that changed no server has nothing to undo (the API answers 404).
      undoable: this.canManage() && response.succeeded > 0,
    });
    this.selected.set(new Map());
    if (response.failed > 0) {
      this.notifier.failure(`Bulk ${response.operation}: ${response.failed} of ${response.total} failed`);
    } else {
      this.notifier.success(`Bulk ${response.operation}: all ${response.total} succeeded`);
    }
  }

  private finishUndo(response: UndoOperationResponse, names: ReadonlyMap<string, string>, undone: BulkOperation): void {
    this.bulk.set({ ...this.finishedRun(response, names), operation: 'undo', title: `Undo of bulk ${undone}`, undoable: false });
    const failed = response.failed - response.conflicts;
    if (response.failed === 0) {
      this.notifier.success(`Undo of bulk ${undone}: all ${response.total} put back`);
    } else {
      const parts = [
        ...(response.conflicts > 0 ? [`${response.conflicts} changed since, left as they are`] : []),
        ...(failed > 0 ? [`${failed} failed`] : []),
      ];
      this.notifier.failure(`Undo of bulk ${undone}: ${parts.join(', ')}`, response.conflicts > 0 ? 'UNDO_CONFLICT' : undefined);
    }
  }

  /** The panel's rows and tally from a finished bulk operation or undo; the rows take the states it reports. */
  private finishedRun(
    response: BulkOperationResponse | UndoOperationResponse,
    names: ReadonlyMap<string, string>,
  ): Omit<BulkRun, 'operation' | 'title' | 'undoable'> {
    const results = response.results.map<BulkResultRow>((item) => ({
      serverId: item.serverId,
      name: names.get(item.serverId) ?? item.serverId,
      success: item.success,
      message: item.message,
      code: item.code,
    }));
    const states = new Map(response.results.map((item) => [item.serverId, item.state]));
    this.patchRows((row) => withState(row, states.get(row.id)));
    return {
      tally: { total: response.total, completed: response.total, succeeded: response.succeeded, failed: response.failed },
      running: false,
      results,
      operationId: response.operationId,
    };
  }

  /** Whether `event` may have changed which rows the list shows, or what they say. */
  private staleAfter(event: FleetEvent): boolean {
    if (RELOAD_EVENTS.has(event.type)) {
      return true;
    }
    // A row's pending restart is set by a config edit and cleared by the next start.
    const row = this.rows().find((candidate) => candidate.id === event.serverId);
    return (
      row !== undefined && (event.type === EVENT_TYPES.serverUpdated || (event.type === EVENT_TYPES.serverStarted && row.pendingRestart))
    );
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
    this.rows.set(loaded.body.items);
    this.total.set(loaded.body.total);
    this.error.set(null);
    this.status.set('ready');
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
