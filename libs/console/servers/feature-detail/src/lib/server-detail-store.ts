import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { catchError, debounceTime, EMPTY, filter, firstValueFrom, merge, ReplaySubject, Subject, type Subscription, switchMap } from 'rxjs';

import { CommandUndo, ServersApi } from '@mcp-fleet/console/servers/data-access';
import { lifecycleAction } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, FleetSocket, Notifier, type Snapshot, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { confirmAction } from '@mcp-fleet/console/shared/ui';
import { type LifecycleCommand, type McpServerDetail, type ServerHealth, statusOf } from '@mcp-fleet/shared/contracts';

/** What is running on the server right now: a lifecycle command, or the delete. */
export type PendingAction = LifecycleCommand | 'delete';

/** "Stop and delete" waits this long, at most, for the stop to finish before the delete. */
const STOP_WAIT_ATTEMPTS = 20;
const STOP_WAIT_MS = 500;

/** Live status changes trigger a re-read of the snapshot, at most this often. */
const REFRESH_DEBOUNCE_MS = 400;

/**
 * The server shown on the detail page: loaded once, kept current from the socket, and the
 * commands that change it. Provided by the page, so it lives and dies with it.
 */
@Injectable()
export class ServerDetailStore {
  private readonly api = inject(ServersApi);
  private readonly socket = inject(FleetSocket);
  private readonly notifier = inject(Notifier);
  private readonly commandUndo = inject(CommandUndo);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly refreshes = new Subject<void>();
  /** The last event seq of each read of the server, as it arrives. */
  private readonly snapshotSeqs = new ReplaySubject<number | null>(1);
  private loadSubscription: Subscription | null = null;
  private id: string | null = null;

  readonly server = signal<McpServerDetail | null>(null);
  readonly loadError = signal<ConsoleError | null>(null);
  readonly pending = signal<PendingAction | null>(null);

  constructor() {
    const destroyRef = inject(DestroyRef);
    // The state moves at once from the socket; health, metrics and version follow from a re-read.
    this.socket.statusChanges$
      .pipe(
        filter((change) => change.serverId === this.id),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((change) => {
        this.server.update((server) => (server ? { ...server, state: change.to, status: statusOf(change.to) } : server));
        this.refreshes.next();
      });
    // Read again after its events, and when the feed joined after events the last read lacks.
    merge(
      this.socket.missed(this.snapshotSeqs),
      this.socket.events$.pipe(filter((event) => event.serverId !== null && event.serverId === this.id)),
      this.refreshes,
    )
      .pipe(
        debounceTime(REFRESH_DEBOUNCE_MS),
        filter(() => this.id !== null && this.server() !== null && this.pending() !== 'delete'),
        switchMap(() => this.api.getSnapshot(this.id ?? '').pipe(catchError((error: unknown) => this.refreshFailed(error)))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((snapshot) => this.accept(snapshot));
    destroyRef.onDestroy(() => this.loadSubscription?.unsubscribe());
  }

  /** Loads `id` (again): the first paint, a retry, or another server in the same page instance. */
  load(id: string): void {
    if (id !== this.id) {
      this.server.set(null);
    }
    this.id = id;
    this.loadError.set(null);
    this.loadSubscription?.unsubscribe();
    this.loadSubscription = this.api.getSnapshot(id).subscribe({
      next: (snapshot) => this.accept(snapshot),
      error: (error: unknown) => this.loadError.set(toConsoleError(error)),
    });
  }

  retry(): void {
    if (this.id) {
      this.load(this.id);
    }
  }

  /** Re-reads the server now (after a change made elsewhere on the page, such as a restore). */
  refresh(): void {
    this.refreshes.next();
  }

  /** A health check answers the new health at once; no need to wait for a re-read. */
  setHealth(health: ServerHealth): void {
    this.server.update((server) => (server ? { ...server, health } : server));
  }

  async run(command: LifecycleCommand): Promise<void> {
    const server = this.server();
    if (!server || this.pending()) {
      return;
    }
    if (command === 'enter_maintenance' && server.state === 'running') {
      const confirmed = await confirmAction(this.dialog, {
        title: `Put ${server.name} in maintenance?`,
        message: `${server.name} is running: it is stopped now, and stays down (not restarted, not started by a start or a bulk start) until you take it out of maintenance.`,
        confirm: 'Enter maintenance',
        danger: true,
      });
      if (!confirmed || this.pending()) {
        return;
      }
    }
    this.pending.set(command);
    try {
      const result = await firstValueFrom(this.api.command(server.id, command));
      this.server.update((current) => (current ? { ...current, state: result.state, status: statusOf(result.state) } : current));
      if (result.success) {
        this.commandUndo.confirm(result);
      } else {
        this.notifier.failure(`${lifecycleAction(command).label} failed: ${result.message}`, result.errorCode);
      }
    } catch (error) {
      this.notifier.error(error, `${lifecycleAction(command).label} ${server.name}`);
    } finally {
      this.pending.set(null);
      this.refreshes.next();
    }
  }

  /**
   * Deletes the server, after a confirmation. The API deletes only a stopped server
   * (SERVER_NOT_STOPPED): one that is not is stopped first ("Stop and delete"), in the same step.
   */
  async remove(): Promise<void> {
    const server = this.server();
    if (!server || this.pending()) {
      return;
    }
    const stopFirst = server.state !== 'stopped';
    const confirmed = await confirmAction(this.dialog, {
      title: stopFirst ? `Stop and delete ${server.name}?` : `Delete ${server.name}?`,
      message:
        (stopFirst ? `${server.name} is ${server.state}: it is stopped first. Then ` : `${server.name}, `) +
        `its configuration and catalog are removed. Its events stay in the history.`,
      confirm: stopFirst ? 'Stop and delete' : 'Delete',
      danger: true,
    });
    if (!confirmed || this.pending()) {
      return;
    }
    this.pending.set('delete');
    try {
      if (stopFirst && !(await this.stopForDelete(server))) {
        return;
      }
      await firstValueFrom(this.api.remove(server.id));
      this.notifier.success(`Deleted ${server.name}`);
      await this.router.navigate(['/servers']);
    } catch (error) {
      // The API names the server by its id; the operator knows it by its name.
      const problem = toConsoleError(error);
      const message =
        problem.code === 'SERVER_NOT_STOPPED'
          ? `${server.name} is not stopped yet: stop it, then delete it`
          : problem.message.replaceAll(server.id, server.name);
      this.notifier.failure(`Delete ${server.name}: ${message}`, problem.code);
      this.refreshes.next();
    } finally {
      this.pending.set(null);
    }
  }

  /** Stops `server` and waits (briefly) until it is stopped; false, with the reason shown, if it is not. */
  private async stopForDelete(server: McpServerDetail): Promise<boolean> {
    const result = await firstValueFrom(this.api.command(server.id, 'stop'));
    let state = result.state;
    if (!result.success) {
      this.notifier.failure(
        `Stop ${server.name} failed: ${result.message.replaceAll(server.id, server.name)}; not deleted`,
        result.errorCode,
      );
      this.refreshes.next();
      return false;
    }
    for (let attempt = 0; state !== 'stopped' && attempt < STOP_WAIT_ATTEMPTS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS));
      state = (await firstValueFrom(this.api.get(server.id))).state;
    }
    this.server.update((current) => (current ? { ...current, state, status: statusOf(state) } : current));
    return true;
  }

  private accept(snapshot: Snapshot<McpServerDetail>): void {
    this.server.set(snapshot.body);
    this.snapshotSeqs.next(snapshot.seq);
  }

  /** A failed background re-read keeps what is shown, unless the server is gone. */
  private refreshFailed(error: unknown) {
    const problem = toConsoleError(error);
    if (problem.status === 404) {
      this.server.set(null);
      this.loadError.set(problem);
    }
    return EMPTY;
  }
}
