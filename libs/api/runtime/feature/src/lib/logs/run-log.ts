import { storableText } from '@mcp-fleet/api/shared/security';
import type { LogStream, McpLogLevel } from '@mcp-fleet/shared/contracts';

import { isCut, type Redactor } from '../domain/redactor';
import { MAX_LINE } from '../process/stdio-process';
import type { TokenBucket } from './token-bucket';

/** Where a line came from; a line without it is plain stderr. */
export interface LogMeta {
  stream: LogStream;
  level: McpLogLevel | null;
}

const STDERR: LogMeta = { stream: 'stderr', level: null };

/** One kept log line, redacted. */
export interface LogEntry extends LogMeta {
  serverId: string;
  runId: string;
  lineNo: number;
  timestamp: string;
  line: string;
}

export interface RunLogOutput {
  /** Keeps a line (memory, live feed, store); false when the store had no room for it. */
  emit(entry: LogEntry): boolean;
  /** Whether the store has room again, so a backlog marker can be stored. */
  hasRoom(): boolean;
  /** Lines refused by the rate limit. */
  dropped(count: number): void;
}

/**
 * The log of one run (stderr, stdout that is not MCP, MCP log messages): lines are capped in
 * length, limited in rate (one budget for every stream, so no stream floods past it), redacted
 * and numbered. Lines over the rate are dropped and counted; one marker line per `reportEveryMs`
 * says how many, so a flood costs a counter, not memory or database rows.
 */
export class RunLog {
  private lineNo = 0;
  private rateDropped = 0;
  private unstored = 0;
  private previousCut = false;
  private reportTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly serverId: string,
    readonly runId: string,
    private readonly redactor: Redactor,
    private readonly bucket: TokenBucket,
    private readonly out: RunLogOutput,
    private readonly reportEveryMs = 1000,
  ) {}

  get lastLineNo(): number {
    return this.lineNo;
  }

  write(raw: string, meta: LogMeta = STDERR): void {
    if (this.closed) {
      return;
    }
    const afterCut = this.previousCut;
    this.previousCut = isCut(raw);
    if (!this.bucket.take()) {
      // Dropped before any regex runs: a flood costs as little CPU as possible.
      this.rateDropped += 1;
      this.out.dropped(1);
      this.reportTimer ??= setTimeout(() => this.reportDropped(), this.reportEveryMs).unref();
      return;
    }
    this.reportUnstored();
    this.emit(this.redactor.redact(storableText(capped(raw)), afterCut), meta);
  }

  /** Reports what was dropped or not stored so far; later writes are ignored. */
  close(): void {
    if (this.closed) {
      return;
    }
    this.reportDropped();
    this.reportUnstored();
    this.closed = true;
  }

  private reportDropped(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    if (this.rateDropped > 0) {
      const count = this.rateDropped;
      this.rateDropped = 0;
      this.emit(`[mcp-fleet] ${count} ${count === 1 ? 'line' : 'lines'} dropped (rate limit)`);
    }
  }

  /** Lines the store had no room for are still in memory and were sent live; the stored log says they are missing. */
  private reportUnstored(): void {
    if (this.unstored > 0 && this.out.hasRoom()) {
      const count = this.unstored;
      this.unstored = 0;
      this.emit(`[mcp-fleet] ${count} ${count === 1 ? 'line' : 'lines'} not stored (log store backlog)`);
    }
  }

  /** Markers of mcp-fleet's own are stderr lines without a level. */
  private emit(line: string, meta: LogMeta = STDERR): void {
    this.lineNo += 1;
    const entry: LogEntry = {
      serverId: this.serverId,
      runId: this.runId,
      lineNo: this.lineNo,
      timestamp: new Date().toISOString(),
      line,
      stream: meta.stream,
      level: meta.level,
    };
    if (!this.out.emit(entry)) {
      this.unstored += 1;
    }
  }
}

/** StdioProcess already cuts at MAX_LINE; this holds for any other caller. */
function capped(line: string): string {
  return line.length > MAX_LINE + 1 ? `${line.slice(0, MAX_LINE)}…` : line;
}
