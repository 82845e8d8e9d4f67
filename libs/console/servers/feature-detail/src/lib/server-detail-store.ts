import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { catchError, debounceTime, EMPTY, filter, firstValueFrom, merge, Subject, type Subscription, switchMap } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { lifecycleAction } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, FleetSocket, Notifier, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { confirmAction } from '@mcp-fleet/console/shared/ui';
import { type LifecycleCommand, type McpServer, type ServerHealth, statusOf } from '@mcp-fleet/shared/contracts';

/** What is running on the server right now: a lifecycle command, or the delete. */
export type PendingAction = LifecycleCommand | 'delete';

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
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly refreshes = new Subject<void>();
  private loadSubscription: Subscription | null = null;
  private id: string | null = null;

  readonly server = signal<McpServer | null>(null);
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
    merge(
      this.socket.resubscribed$,
      this.socket.events$.pipe(filter((event) => event.serverId !== null && event.serverId === this.id)),
      this.refreshes,
    )
      .pipe(
        debounceTime(REFRESH_DEBOUNCE_MS),
        filter(() => this.id !== null && this.server() !== null && this.pending() !== 'delete'),
        switchMap(() => this.api.get(this.id ?? '').pipe(catchError((error: unknown) => this.refreshFailed(error)))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((server) => this.server.set(server));
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
    this.loadSubscription = this.api.get(id).subscribe({
      next: (server) => this.server.set(server),
      error: (error: unknown) => this.loadError.set(toConsoleError(error)),
    });
  }

  retry(): void {
    if (this.id) {
      this.load(this.id);
    }
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
    this.pending.set(command);
    try {
      const result = await firstValueFrom(this.api.command(server.id, command));
      this.server.update((current) => (current ? { ...current, state: result.state, status: statusOf(result.state) } : current));
      if (result.success) {
        this.notifier.success(`${result.serverName}: ${result.message}`);
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

  async remove(): Promise<void> {
    const server = this.server();
    if (!server || this.pending()) {
      return;
    }
    const confirmed = await confirmAction(this.dialog, {
      title: `Delete ${server.name}?`,
      message: `${server.name}, its configuration and catalog are removed. Its events stay in the history. A server must be stopped before it can be deleted.`,
      confirm: 'Delete',
      danger: true,
    });
    if (!confirmed) {
      return;
    }
    this.pending.set('delete');
    try {
      await firstValueFrom(this.api.remove(server.id));
      this.notifier.success(`Deleted ${server.name}`);
      await this.router.navigate(['/servers']);
    } catch (error) {
      this.notifier.error(error, `Delete ${server.name}`);
    } finally {
      this.pending.set(null);
    }
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
