import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { LogsRepository, RunsRepository, type ServerRun, type StoredLogLine } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { LOG_LIMITS, type ServerLogEntry, type ServerLogPage, type ServerRunSummary } from '@mcp-fleet/shared/contracts';

import { SEQ } from '../../dto/get-logs.query.dto';
import { LogSink, type RecentLines } from '../../logs/log-sink.service';
import { GetLogsQuery } from './get-logs.query';

type Since = { seq: number } | { time: Date } | undefined;

/**
 * Log lines of one run (every stream, each with its stream and level), oldest first: a tail without `since`, the lines after it with one.
 * Lines this instance has not stored yet come from memory (seq null), so a reader is never
 * behind the store's lag. A deleted server's logs stay readable while its runs or lines exist.
 */
@QueryHandler(GetLogsQuery)
export class GetLogsHandler implements IQueryHandler<GetLogsQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly runs: RunsRepository,
    private readonly logs: LogsRepository,
    private readonly sink: LogSink,
  ) {}

  async execute({ serverId, params }: GetLogsQuery): Promise<ServerLogPage> {
    const since = parseSince(params.since);
    const limit = params.limit ?? LOG_LIMITS.defaultLimit;
    const [server, runs] = await Promise.all([this.servers.findById(serverId), this.runs.latestFor(serverId)]);
    // Runs are the usual way to find the latest run; lines outlive a purged run row.
    const latest = runs[0]?.runId ?? (await this.logs.latestRunId(serverId));
    if (!server && !latest) {
      throw serverNotFound(serverId);
    }
    const runId = params.runId ?? latest;
    if (!runId) {
      return { serverId, runId: null, items: [], nextCursor: null, runs: [] };
    }
    // Taken before the query: every line up to storedLineNo is in the store by then.
    const recent = this.sink.recent(serverId);
    const stored = await this.logs.page(serverId, {
      runId,
      sinceSeq: since && 'seq' in since ? since.seq : undefined,
      sinceTime: since && 'time' in since ? since.time : undefined,
      search: params.search,
      limit,
    });
    const items = withUnstored(stored.map(toEntry), recent?.runId === runId ? recent : undefined, since, limit, params.search);
    const lastSeq = [...items].reverse().find((item) => item.seq !== null)?.seq ?? null;
    return {
      serverId,
      runId,
      items,
      nextCursor: lastSeq ?? (since && 'seq' in since ? since.seq : null),
      runs: runs.map(toSummary),
    };
  }
}

function parseSince(since: string | undefined): Since {
  if (since === undefined) {
    return undefined;
  }
  if (SEQ.test(since)) {
    return { seq: Number(since) };
  }
  const time = new Date(since);
  if (Number.isNaN(time.getTime())) {
    throw validationFailed([{ field: 'since', messages: ['since must be a seq (an integer) or an ISO-8601 time'] }]);
  }
  return { time };
}

/** Adds the memory lines the store does not have yet, when the page reaches the end of the run. */
function withUnstored(
  items: ServerLogEntry[],
  recent: RecentLines | undefined,
  since: Since,
  limit: number,
  search: string | undefined,
): ServerLogEntry[] {
  if (!recent || (since && items.length >= limit)) {
    return items;
  }
  const after = Math.max(recent.storedLineNo, items.at(-1)?.lineNo ?? 0);
  const notAfter = since && 'time' in since ? since.time.getTime() : -Infinity;
  const extra = recent.lines
    .filter((line) => line.lineNo > after && Date.parse(line.timestamp) >= notAfter)
    .filter((line) => search === undefined || line.line.toLowerCase().includes(search.toLowerCase()))
    .map(
      (line): ServerLogEntry => ({
        seq: null,
        runId: line.runId,
        lineNo: line.lineNo,
        timestamp: line.timestamp,
        line: line.line,
        stream: line.stream,
        level: line.level,
      }),
    );
  const all = [...items, ...extra];
  return since ? all.slice(0, limit) : all.slice(-limit);
}

function toEntry(line: StoredLogLine): ServerLogEntry {
  return {
    seq: line.seq,
    runId: line.runId,
    lineNo: line.lineNo,
    timestamp: line.timestamp,
    line: line.line,
    stream: line.stream,
    level: line.level,
  };
}

function toSummary(run: ServerRun): ServerRunSummary {
  return {
    runId: run.runId,
    transport: run.transport,
    pid: run.pid,
    instanceId: run.instanceId,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    exitCode: run.exitCode,
    exitSignal: run.exitSignal,
    endReason: run.endReason,
  };
}
