import { DOCUMENT } from '@angular/common';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  type ElementRef,
  inject,
  input,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { bufferTime, filter, firstValueFrom, type Subscription } from 'rxjs';

import { saveBlob } from '@mcp-fleet/console/events/data-access';
import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import {
  appendCapped,
  clipLine,
  filterLogLines,
  LOG_BUFFER_LIMIT,
  type LogLine,
  type LogOrigin,
  logOrigin,
  type LogTone,
  logTone,
  unseenLiveLines,
} from '@mcp-fleet/console/servers/util';
import { type ConsoleError, FleetSocket, Notifier, readBlobError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState } from '@mcp-fleet/console/shared/ui';
import {
  LOG_LIMITS,
  LOG_STREAMS,
  type LogStream,
  MCP_LOG_LEVELS,
  type McpLogLevel,
  type ServerLogPage,
  type ServerRunSummary,
} from '@mcp-fleet/shared/contracts';

/** Live lines are applied in small batches, so a chatty server does not re-render per line. */
const LIVE_BATCH_MS = 150;
/** Within this many pixels of the bottom counts as "at the bottom": keep following. */
const STICKY_PX = 24;

/** The lines of a whole run that contain a text, as the API found them (not only those kept here). */
interface RunSearch {
  query: string;
  lines: ShownLine[];
  /** The API returned as many as it gives at once: these are the newest matches. */
  capped: boolean;
}

/** A line with its time and marks already worked out: thousands of rows must not on every render. */
interface ShownLine extends LogLine {
  clock: string;
  tone: LogTone;
  /** What the line's badge says: its stream, and its level when it has one. */
  tag: string;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

function plural(count: number, noun: string): string {
  return `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;
}

function startedAt(iso: string): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? clock.format(date) : dateTime.format(date);
}

/**
 * What the server wrote (stderr, stray stdout) and logged over MCP: the latest run's lines, then
 * the live feed while this tab is open. Each line shows its stream and level; the view filters
 * by text, stream and minimum level, and a text can be searched for in the whole run (the API
 * reads every stored line, not only the newest kept here). Older runs can be read; pausing holds
 * new lines back (counted) until resumed.
 */
@Component({
  selector: 'mf-logs-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, ErrorState],
  templateUrl: './logs-tab.html',
  styleUrl: './logs-tab.scss',
})
export class LogsTab implements OnInit {
  private readonly api = inject(ServersApi);
  private readonly socket = inject(FleetSocket);
  private readonly destroyRef = inject(DestroyRef);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  private loadSubscription: Subscription | null = null;
  private searchSubscription: Subscription | null = null;
  /** Live lines that arrive while a page loads, joined to it once it is in. */
  private heldWhileLoading: ShownLine[] | null = null;
  private nextId = 0;
  private stickToBottom = true;
  /** Where the view was last scrolled to by the component itself. */
  private autoScrollTop = 0;

  readonly serverId = input.required<string>();

  protected readonly limit = LOG_BUFFER_LIMIT;
  protected readonly runs = signal<ServerRunSummary[]>([]);
  /** The run whose lines are shown (null before the server ever ran). */
  protected readonly shownRun = signal<string | null>(null);
  protected readonly latestRun = signal<string | null>(null);
  protected readonly following = computed(() => this.shownRun() === this.latestRun());
  protected readonly lines = signal<ShownLine[]>([]);
  protected readonly held = signal<ShownLine[]>([]);
  protected readonly paused = signal(false);
  protected readonly query = signal('');
  protected readonly streamOptions = LOG_STREAMS;
  protected readonly levelOptions = MCP_LOG_LEVELS;
  /** Streams shown; empty shows all. */
  protected readonly streams = signal<LogStream[]>([]);
  protected readonly minLevel = signal<McpLogLevel | null>(null);
  protected readonly filtering = computed(() => this.query().trim() !== '' || this.streams().length > 0 || this.minLevel() !== null);
  protected readonly loading = signal(true);
  /** A download of the shown run is under way. */
  protected readonly downloading = signal(false);
  protected readonly error = signal<ConsoleError | null>(null);
  /** The shown run searched through the API; null while the view shows the lines kept here. */
  protected readonly search = signal<RunSearch | null>(null);
  protected readonly searching = signal(false);
  protected readonly canSearchRun = computed(() => this.shownRun() !== null && this.query().trim() !== '');
  protected readonly visible = computed(() => {
    const found = this.search();
    // The API matched the text already; stream and level still apply.
    return found
      ? filterLogLines(found.lines, { query: '', streams: this.streams(), minLevel: this.minLevel() })
      : filterLogLines(this.lines(), { query: this.query(), streams: this.streams(), minLevel: this.minLevel() });
  });

  /** The line under the toolbar: what the view shows, and how much of it the filters leave. */
  protected readonly statusText = computed(() => {
    if (this.searching()) {
      return 'Searching the whole run…';
    }
    const found = this.search();
    const shown = this.visible().length;
    if (found) {
      const count = found.lines.length;
      const text =
        `${plural(count, 'line')} of the whole run ${count === 1 ? 'contains' : 'contain'} “${found.query}”` +
        (found.capped ? `; the newest ${LOG_LIMITS.maxLimit.toLocaleString()} are shown.` : '.');
      return shown < count ? `${text} Showing ${shown.toLocaleString()} of them.` : text;
    }
    const held = this.held().length;
    const state = this.loading()
      ? 'Loading lines…'
      : this.paused()
        ? `Paused: ${plural(held, 'new line')} waiting.`
        : !this.following()
          ? 'An earlier run: no live lines.'
          : this.shownRun()
            ? 'Following live.'
            : '';
    const filtered = this.filtering() ? `Showing ${shown.toLocaleString()} of ${plural(this.lines().length, 'line')} kept here.` : '';
    return [state, filtered].filter((part) => part !== '').join(' ');
  });

  private readonly logElement = viewChild<ElementRef<HTMLElement>>('log');

  constructor() {
    afterRenderEffect({
      write: () => {
        this.visible();
        const element = this.logElement()?.nativeElement;
        if (element && this.stickToBottom) {
          this.scrollToEnd(element);
          // Lines coming into view take their real height a frame later (content-visibility):
          // the bottom moves, so follow it once more.
          requestAnimationFrame(() => this.stickToBottom && this.scrollToEnd(element));
        }
      },
    });
  }

  /** The whole shown run (not only the lines kept here), as a file. */
  protected async download(): Promise<void> {
    const runId = this.shownRun();
    if (!runId || this.downloading()) {
      return;
    }
    this.downloading.set(true);
    try {
      const file = await firstValueFrom(this.api.downloadLog(this.serverId(), runId));
      saveBlob(file.blob, file.fileName, this.document);
      this.notifier.success(`Downloaded ${file.fileName}.`);
    } catch (error) {
      this.notifier.error(await readBlobError(error), 'Download failed');
    } finally {
      this.downloading.set(false);
    }
  }

  ngOnInit(): void {
    const id = this.serverId();
    this.destroyRef.onDestroy(this.socket.watchLogs(id));
    this.destroyRef.onDestroy(() => {
      this.loadSubscription?.unsubscribe();
      this.searchSubscription?.unsubscribe();
    });
    this.socket.logs$
      .pipe(
        filter((line) => line.serverId === id),
        bufferTime(LIVE_BATCH_MS),
        filter((batch) => batch.length > 0),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((batch) => this.receive(batch.map((line) => this.toLine(line.runId, line.timestamp, line.line, logOrigin(line)))));
    // Lines sent while the socket was down are not replayed: read the run again after a reconnect.
    this.socket.resubscribed$
      .pipe(
        filter(() => this.following() && !this.loading()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.load(null));
    this.load(null);
  }

  protected runLabel(run: ServerRunSummary, index: number): string {
    const end =
      run.endedAt === null
        ? 'running'
        : run.exitSignal
          ? `ended by ${run.exitSignal}`
          : run.exitCode !== null
            ? `exit ${run.exitCode}`
            : 'ended';
    return `${index === 0 ? 'Latest · ' : ''}${startedAt(run.startedAt)} · ${end}`;
  }

  protected pickRun(runId: string): void {
    this.endSearch();
    this.load(runId === this.latestRun() ? null : runId);
  }

  protected setQuery(text: string): void {
    this.query.set(text);
    this.endSearch();
  }

  /** Every stored line of the shown run containing the filter's text, newest matches first kept. */
  protected searchRun(): void {
    const runId = this.shownRun();
    const text = this.query().trim().slice(0, LOG_LIMITS.searchMaxLength);
    if (!runId || !text) {
      return;
    }
    this.searching.set(true);
    this.searchSubscription?.unsubscribe();
    this.searchSubscription = this.api.logs(this.serverId(), { runId, search: text, limit: LOG_LIMITS.maxLimit }).subscribe({
      next: (page) => {
        const lines = this.linesOf(page);
        this.search.set({ query: text, lines, capped: lines.length >= LOG_LIMITS.maxLimit });
        this.searching.set(false);
        this.stickToBottom = true;
      },
      error: (error: unknown) => {
        this.searching.set(false);
        this.notifier.error(error, 'Searching the run');
      },
    });
  }

  /** Back to the lines kept here (and the live feed, for the latest run). */
  protected endSearch(): void {
    this.searchSubscription?.unsubscribe();
    this.searching.set(false);
    if (this.search()) {
      this.search.set(null);
      this.stickToBottom = true;
    }
  }

  protected togglePause(): void {
    if (this.paused()) {
      this.lines.update((lines) => appendCapped(lines, this.held()));
      this.held.set([]);
      this.stickToBottom = true;
    }
    this.paused.update((paused) => !paused);
  }

  /**
   * Following stops only when the user moves up from where the view was put; growing content
   * below (which also fires scroll events) does not stop it. Back at the bottom, it resumes.
   */
  protected onScroll(element: HTMLElement): void {
    if (element.scrollHeight - element.scrollTop - element.clientHeight < STICKY_PX) {
      this.stickToBottom = true;
    } else if (element.scrollTop < this.autoScrollTop - 1) {
      this.stickToBottom = false;
    }
  }

  private scrollToEnd(element: HTMLElement): void {
    element.scrollTop = element.scrollHeight;
    this.autoScrollTop = element.scrollTop;
  }

  /** Loads one run (null: the latest) and, for the latest, goes on with the live feed. */
  protected load(runId: string | null): void {
    this.loading.set(true);
    this.error.set(null);
    this.heldWhileLoading ??= [];
    this.loadSubscription?.unsubscribe();
    this.loadSubscription = this.api.logs(this.serverId(), { ...(runId ? { runId } : {}), limit: LOG_LIMITS.maxLimit }).subscribe({
      next: (page) => this.show(page),
      error: (error: unknown) => {
        this.heldWhileLoading = null;
        this.loading.set(false);
        this.error.set(toConsoleError(error));
      },
    });
  }

  private show(page: ServerLogPage): void {
    const lines = this.linesOf(page);
    const latest = page.runs[0]?.runId ?? page.runId;
    this.runs.set(page.runs);
    this.latestRun.set(latest);
    if (page.runId !== this.shownRun()) {
      // A new run followed (a start or restart): a search of the last one ends, as on a pick.
      this.endSearch();
    }
    this.shownRun.set(page.runId);
    const missed =
      page.runId === latest
        ? unseenLiveLines(
            lines,
            (this.heldWhileLoading ?? []).filter((line) => line.runId === page.runId),
          )
        : [];
    this.heldWhileLoading = null;
    this.lines.set(appendCapped(lines, missed));
    this.held.set([]);
    this.stickToBottom = true;
    this.loading.set(false);
  }

  private receive(batch: ShownLine[]): void {
    if (this.heldWhileLoading) {
      this.heldWhileLoading.push(...batch);
      return;
    }
    const shown = this.shownRun();
    const fresh = batch.filter((line) => line.runId !== shown && line.runId !== this.latestRun());
    if (fresh.length > 0) {
      // A new run began (a start or restart): follow it if we were following, else just list it.
      if (this.following()) {
        this.heldWhileLoading = [...batch];
        this.load(null);
      } else {
        this.refreshRuns();
      }
      return;
    }
    if (!this.following()) {
      return;
    }
    const mine = batch.filter((line) => line.runId === shown);
    if (this.paused()) {
      this.held.update((held) => appendCapped(held, mine));
    } else {
      this.lines.update((lines) => appendCapped(lines, mine));
    }
  }

  /** Reading an older run while a new one starts: update the list of runs, keep the lines shown. */
  private refreshRuns(): void {
    this.api.logs(this.serverId(), { limit: 1 }).subscribe({
      next: (page) => {
        this.runs.set(page.runs);
        this.latestRun.set(page.runs[0]?.runId ?? page.runId);
      },
      error: () => undefined,
    });
  }

  protected clearFilters(): void {
    this.endSearch();
    this.query.set('');
    this.streams.set([]);
    this.minLevel.set(null);
  }

  private linesOf(page: ServerLogPage): ShownLine[] {
    return page.items.map((item) => this.toLine(item.runId, item.timestamp, item.line, logOrigin(item)));
  }

  private toLine(runId: string, timestamp: string, text: string, origin: LogOrigin): ShownLine {
    return {
      id: this.nextId++,
      runId,
      timestamp,
      ...origin,
      text,
      shown: clipLine(text),
      clock: clock.format(new Date(timestamp)),
      tone: logTone(origin),
      tag: origin.level === null ? origin.stream : `${origin.stream} ${origin.level}`,
    };
  }
}
