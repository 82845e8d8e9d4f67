import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { catchError, debounceTime, EMPTY, filter, merge, ReplaySubject, Subject, switchMap, tap } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type ConsoleError, FleetSocket, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import {
  type ApproveDefinitionsRequest,
  type ApproveDefinitionsResponse,
  type DriftReport,
  EVENT_TYPES,
} from '@mcp-fleet/shared/contracts';

/** A drift-related event re-reads the report at most this often. */
const REFRESH_DEBOUNCE_MS = 300;
/** Events after which the definitions may differ from what the page shows. */
const DRIFT_EVENTS: ReadonlySet<string> = new Set([
  EVENT_TYPES.toolDriftDetected,
  EVENT_TYPES.toolApproved,
  EVENT_TYPES.serverCapabilitiesChanged,
  EVENT_TYPES.serverStarted,
  // The policy is configuration: an edit may change it.
  EVENT_TYPES.serverUpdated,
]);

/**
 * The server's drift report (definitions that differ from their approved ones), shared by the
 * header badge and the panel on the Tools tab; kept current from the socket. Provided by the page.
 */
@Injectable()
export class DriftStore {
  private readonly api = inject(ServersApi);
  private readonly socket = inject(FleetSocket);
  private readonly reloads = new Subject<void>();
  /** The last event seq of each report read, as it arrives. */
  private readonly snapshotSeqs = new ReplaySubject<number | null>(1);
  private id: string | null = null;

  readonly report = signal<DriftReport | null>(null);
  readonly error = signal<ConsoleError | null>(null);

  constructor() {
    // A load or an approval reads at once; a burst of events (a restart) reads once, and so does
    // a join of the feed after events the last read lacks.
    const live = merge(
      this.socket.missed(this.snapshotSeqs),
      this.socket.events$.pipe(filter((event) => event.serverId !== null && event.serverId === this.id && DRIFT_EVENTS.has(event.type))),
    ).pipe(debounceTime(REFRESH_DEBOUNCE_MS));
    merge(this.reloads, live)
      .pipe(
        filter(() => this.id !== null),
        switchMap(() =>
          this.api.drift(this.id ?? '').pipe(
            tap(() => this.error.set(null)),
            catchError((error: unknown) => {
              this.error.set(toConsoleError(error));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((snapshot) => {
        this.report.set(snapshot.body);
        this.snapshotSeqs.next(snapshot.seq);
      });
  }

  load(id: string): void {
    if (id !== this.id) {
      this.report.set(null);
      this.error.set(null);
    }
    this.id = id;
    this.reloads.next();
  }

  /** Read again now (after an approval, or on "Retry"). */
  refresh(): void {
    this.reloads.next();
  }

  /** Approves and takes the API's answer of what still differs as the new report. */
  applyApproval(response: ApproveDefinitionsResponse): void {
    this.report.update((report) => (report ? { ...report, items: response.remaining } : report));
    this.reloads.next();
  }

  approve(request: ApproveDefinitionsRequest) {
    return this.api.approveDefinitions(this.id ?? '', request);
  }
}
