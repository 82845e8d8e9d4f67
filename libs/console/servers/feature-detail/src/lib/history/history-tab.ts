import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, type OnInit, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { debounceTime, filter, firstValueFrom, merge, ReplaySubject } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { AuthStore, type ConsoleError, FleetSocket, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { confirmAction, EmptyState, ErrorState, LoadingState, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import { EVENT_TYPES, type McpServer, REVISION_LIMITS, type ServerRevision } from '@mcp-fleet/shared/contracts';

import { currentRegistration, diffRegistrations } from './registration-diff';
import { RevisionDiff } from './revision-diff';

/** A live `server.updated` re-reads the page at most this often. */
const REFRESH_DEBOUNCE_MS = 300;
/** Changed paths named in a row before "+ n more". */
const SUMMARY_PATHS = 3;

/**
 * The server's config history: its revisions newest first, any two side by side, and a restore
 * of any earlier one (a new revision, after a confirmation that says what will change).
 */
@Component({
  selector: 'mf-history-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatProgressBarModule, EmptyState, ErrorState, LoadingState, RelativeTimePipe, RevisionDiff],
  templateUrl: './history-tab.html',
  styleUrl: './history-tab.scss',
})
export class HistoryTab implements OnInit {
  private readonly api = inject(ServersApi);
  private readonly socket = inject(FleetSocket);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);
  /** The last event seq of each page of revisions read, as it arrives. */
  private readonly snapshotSeqs = new ReplaySubject<number | null>(1);
  /** Until the operator picks, the comparison follows the two newest revisions. */
  private pickedByHand = false;

  readonly server = input.required<McpServer>();
  /** A restore changed the server: the page re-reads it (version, pending restart). */
  readonly restored = output<void>();

  protected readonly revisions = signal<ServerRevision[]>([]);
  protected readonly total = signal(0);
  protected readonly page = signal(1);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  /** The newest revision (the current registration), from the last read of the first page. */
  protected readonly current = signal<number | null>(null);
  /** At most two, in the order they were picked. */
  protected readonly selected = signal<ServerRevision[]>([]);
  protected readonly restoring = signal<number | null>(null);
  /** A restore refused because the server changed meanwhile: the operator must reload first. */
  protected readonly conflict = signal<ConsoleError | null>(null);

  protected readonly pageSize = REVISION_LIMITS.defaultPageSize;
  protected readonly canRestore = computed(() => this.auth.can('mcp:configure_servers'));
  protected readonly lastPage = computed(() => Math.max(1, Math.ceil(this.total() / this.pageSize)));
  protected readonly range = computed(() => {
    const first = (this.page() - 1) * this.pageSize + 1;
    return { first, last: first + this.revisions().length - 1 };
  });
  /** The older of the two selected on the left, the newer on the right. */
  protected readonly compared = computed(() => {
    const pair = [...this.selected()].sort((a, b) => a.revision - b.revision);
    return pair.length === 2 ? { before: pair[0], after: pair[1] } : null;
  });

  ngOnInit(): void {
    merge(
      this.socket.events$.pipe(filter((event) => event.serverId === this.server().id && event.type === EVENT_TYPES.serverUpdated)),
      this.socket.missed(this.snapshotSeqs),
    )
      .pipe(debounceTime(REFRESH_DEBOUNCE_MS), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => void this.load(this.page(), { quiet: true }));
    void this.load(1);
  }

  protected async load(page: number, { quiet = false } = {}): Promise<void> {
    if (!quiet) {
      this.error.set(null);
    }
    this.loading.set(true);
    try {
      const { body: result, seq } = await firstValueFrom(this.api.revisions(this.server().id, { page, pageSize: this.pageSize }));
      this.snapshotSeqs.next(seq);
      this.revisions.set(result.items);
      this.total.set(result.total);
      this.page.set(page);
      if (page === 1) {
        this.current.set(result.items[0]?.revision ?? null);
      }
      // Nothing picked yet: compare the two newest, the change an operator looks for first.
      if (!this.pickedByHand && page === 1 && result.items.length >= 2) {
        this.selected.set([result.items[1], result.items[0]]);
      }
      this.loaded.set(true);
      this.error.set(null);
    } catch (error) {
      if (quiet && this.loaded()) {
        this.notifier.error(error, 'Refreshing the history');
      } else {
        this.error.set(toConsoleError(error));
      }
    } finally {
      this.loading.set(false);
    }
  }

  protected isSelected(revision: ServerRevision): boolean {
    return this.selected().some((item) => item.revision === revision.revision);
  }

  /** Picking a third revision lets go of the one picked first. */
  protected toggle(revision: ServerRevision, checked: boolean): void {
    this.pickedByHand = true;
    this.selected.update((selected) => {
      const others = selected.filter((item) => item.revision !== revision.revision);
      return checked ? [...others, revision].slice(-2) : others;
    });
  }

  protected actionText(revision: ServerRevision): string {
    return revision.action === 'restore' && revision.restoredFrom !== null
      ? `restore · restored from #${revision.restoredFrom}`
      : revision.action;
  }

  protected changeSummary(revision: ServerRevision): { text: string; all: string } {
    const paths = revision.changes.map((change) => change.field);
    const all = paths.join(', ');
    if (revision.action === 'create') {
      return { text: `Registered (${paths.length} ${paths.length === 1 ? 'field' : 'fields'})`, all };
    }
    if (paths.length === 0) {
      return { text: 'No changes', all };
    }
    const more = paths.length - SUMMARY_PATHS;
    return { text: more > 0 ? `${paths.slice(0, SUMMARY_PATHS).join(', ')} + ${more} more` : all, all };
  }

  protected async restore(revision: ServerRevision): Promise<void> {
    const server = this.server();
    if (this.restoring() !== null) {
      return;
    }
    const changes = diffRegistrations(currentRegistration(server), revision.registration)
      .filter((row) => row.changed)
      .map((row) => row.path);
    const what =
      changes.length > 0
        ? `These fields change: ${changes.join(', ')}.`
        : 'Its visible fields equal the current configuration; only secrets replaced since then would change.';
    const confirmed = await confirmAction(this.dialog, {
      title: `Restore revision #${revision.revision}?`,
      message: `${server.name} gets the configuration of revision #${revision.revision} (${revision.action} by ${revision.actor.name}, ${new Date(revision.createdAt).toLocaleString()}) back, as a new revision. ${what} Secrets come back with the values they had then.`,
      confirm: 'Restore',
    });
    if (!confirmed) {
      return;
    }
    this.restoring.set(revision.revision);
    this.conflict.set(null);
    try {
      const result = await firstValueFrom(this.api.restoreRevision(server.id, revision.revision, server.version));
      const waiting = result.appliesAtNextStart?.length ? ` Restart to apply: ${result.appliesAtNextStart.join(', ')}.` : '';
      this.notifier.success(
        result.revision === this.current()
          ? `${server.name} already equals revision #${revision.revision}: nothing changed.`
          : `Restored revision #${revision.revision} of ${server.name} as revision #${result.revision}.${waiting}`,
      );
      this.pickedByHand = false;
      this.restored.emit();
      await this.load(1);
    } catch (error) {
      const problem = toConsoleError(error);
      if (problem.code === 'VERSION_CONFLICT') {
        this.conflict.set(problem);
      } else {
        this.notifier.error(error, `Restore revision #${revision.revision}`);
      }
    } finally {
      this.restoring.set(null);
    }
  }

  /** After a conflict: the server and the history as they are now. */
  protected async reload(): Promise<void> {
    this.conflict.set(null);
    this.pickedByHand = false;
    this.restored.emit();
    await this.load(1);
  }
}
