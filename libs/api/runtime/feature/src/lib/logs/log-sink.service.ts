import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';

import { BatchWriter, isTransientDatabaseError, LiveFeed } from '@mcp-fleet/api/events/data-access';
import { LogsRepository, type NewLogLine } from '@mcp-fleet/api/runtime/data-access';

import type { Redactor } from '../domain/redactor';
import { type LogEntry, type LogMeta, RunLog } from './run-log';
import { TokenBucket } from './token-bucket';

/** Lines kept in memory per server (its latest run), for readers when the store lags. */
export const RING_LINES = 500;
/** Per run: a steady 200 lines/s, bursts of 1000 (a stack trace, a startup banner). */
export const RATE_PER_SECOND = 200;
export const RATE_BURST = 1000;
/** Lines wait up to LINGER_MS for company; beyond MAX_PENDING (≈40 MB of 4 KB lines) they are not stored. */
const LINGER_MS = 200;
const MAX_BATCH = 1000;
export const MAX_PENDING = 10_000;
/** How long close() waits for the run's lines to be stored; they keep being written afterwards. */
const CLOSE_WAIT_MS = 2000;

export interface OpenRunLog {
  /** A line of the run; without `meta`, a stderr line without a level. */
  write(line: string, meta?: LogMeta): void;
  close(): Promise<void>;
}

/** The memory copy of a server's latest run. */
export interface RecentLines {
  runId: string;
  /** Every line up to this one is stored. */
  storedLineNo: number;
  lines: LogEntry[];
}

/**
 * Where log lines of servers go (stderr, non-MCP stdout, MCP log messages): a ring per server in memory, the live `server_log`
 * feed, and the server_logs table through one group-commit writer (so seq order is line order
 * within a run on this instance). Redaction and the rate limit happen per run before all three.
 */
@Injectable()
export class LogSink implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LogSink.name);
  private readonly writer: BatchWriter<NewLogLine, NewLogLine>;
  private readonly recentByServer = new Map<string, RecentLines>();
  private readonly droppedLines = droppedCounter();
  private lastFailureLog = 0;

  constructor(
    logs: LogsRepository,
    private readonly live: LiveFeed,
  ) {
    this.writer = new BatchWriter(
      async (batch) => {
        await logs.insertBatch(batch);
        return batch;
      },
      {
        maxBatch: MAX_BATCH,
        lingerMs: LINGER_MS,
        maxPending: MAX_PENDING,
        isRetryable: isTransientDatabaseError,
        onWritten: (written) => this.stored(written),
        onError: (error, pending) => this.failed(error, pending),
      },
    );
  }

  /** One run's log, masked by that run's redactor. */
  open(run: { serverId: string; runId: string; redactor: Redactor }): OpenRunLog {
    const recent: RecentLines = {
      runId: run.runId,
      storedLineNo: 0,
      lines: [],
    };
    this.recentByServer.set(run.serverId, recent);
    let lastWrite: Promise<unknown> = Promise.resolve();
    const log = new RunLog(run.serverId, run.runId, run.redactor, new TokenBucket(RATE_PER_SECOND, RATE_BURST), {
      emit: (entry) => {
        recent.lines.push(entry);
        if (recent.lines.length > RING_LINES) {
          recent.lines.shift();
        }
        this.live.publish({
          channel: 'server_log',
          payload: {
            serverId: entry.serverId,
            runId: entry.runId,
            stream: entry.stream,
            level: entry.level,
            line: entry.line,
            timestamp: entry.timestamp,
          },
        });
        if (this.writer.pending >= MAX_PENDING) {
          this.droppedLines.inc({ reason: 'backlog' });
          return false;
        }
        lastWrite = this.writer.enqueue(entry).catch((error: unknown) => this.failed(error, this.writer.pending));
        return true;
      },
      hasRoom: () => this.writer.pending < MAX_PENDING,
      dropped: (count) => this.droppedLines.inc({ reason: 'rate_limit' }, count),
    });
    return {
      write: (line, meta) => log.write(line, meta),
      close: async () => {
        log.close();
        // Once all of it is stored the memory copy can go; if some never is, it stays until the next run.
        const settled = lastWrite.then(() => {
          if (this.recentByServer.get(run.serverId) === recent && recent.storedLineNo >= log.lastLineNo) {
            this.recentByServer.delete(run.serverId);
          }
        });
        await within(settled, CLOSE_WAIT_MS);
      },
    };
  }

  /** The memory copy of the server's latest run, if this instance ran it and it is not all stored yet. */
  recent(serverId: string): RecentLines | undefined {
    const recent = this.recentByServer.get(serverId);
    return recent && { ...recent, lines: [...recent.lines] };
  }

  /** Waits until every line accepted so far is stored (tests, shutdown). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** After the supervisor's onModuleDestroy closed every run, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writer.close();
  }

  private stored(written: NewLogLine[]): void {
    for (const line of written) {
      const recent = this.recentByServer.get(line.serverId);
      if (recent?.runId === line.runId && line.lineNo > recent.storedLineNo) {
        recent.storedLineNo = line.lineNo;
      }
    }
  }

  private failed(error: unknown, pending: number): void {
    // A database outage fails every retry; one line every 10 s says enough.
    if (Date.now() - this.lastFailureLog > 10_000) {
      this.lastFailureLog = Date.now();
      this.logger.error({ err: error, pending }, 'Storing server log lines failed');
    }
  }
}

function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** `mcp_server_log_lines_dropped_total{reason}`: rate_limit (never kept) or backlog (kept in memory and live, not stored). */
function droppedCounter(): Counter<'reason'> {
  const name = 'mcp_server_log_lines_dropped_total';
  return (
    (register.getSingleMetric(name) as Counter<'reason'> | undefined) ??
    new Counter({
      name,
      help: 'log lines of servers (every stream) dropped by the rate limit or not stored for a backlog',
      labelNames: ['reason'],
    })
  );
}
