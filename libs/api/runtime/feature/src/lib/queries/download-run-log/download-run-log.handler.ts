import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { LogsRepository, RunsRepository, type StoredLogLine } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';

import { LogSink } from '../../logs/log-sink.service';
import { DownloadRunLogQuery, type RunLogFile } from './download-run-log.query';

/**
 * A run's log as a file: every stored line in order, then the lines this instance holds that are
 * not stored yet; one line per entry, `time stream[ level] text`, secrets already redacted.
 */
@QueryHandler(DownloadRunLogQuery)
export class DownloadRunLogHandler implements IQueryHandler<DownloadRunLogQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly runs: RunsRepository,
    private readonly logs: LogsRepository,
    private readonly sink: LogSink,
  ) {}

  async execute({ serverId, runId }: DownloadRunLogQuery): Promise<RunLogFile> {
    const [server, runs] = await Promise.all([this.servers.findById(serverId), this.runs.latestFor(serverId)]);
    const latest = runs[0]?.runId ?? (await this.logs.latestRunId(serverId));
    const chosen = runId ?? latest;
    if ((!server && !latest) || !chosen) {
      throw serverNotFound(serverId);
    }
    const recent = this.sink.recent(serverId);
    const unstored = recent?.runId === chosen ? recent : undefined;
    return { fileName: `${server?.name ?? serverId}-${chosen}.log`, lines: this.lines(serverId, chosen, unstored) };
  }

  private async *lines(serverId: string, runId: string, recent: ReturnType<LogSink['recent']>): AsyncGenerator<string> {
    let last = 0;
    for await (const line of this.logs.runLines(serverId, runId)) {
      last = line.lineNo;
      yield logFileLine(line);
    }
    for (const line of recent?.lines ?? []) {
      if (line.lineNo > last) {
        yield logFileLine(line);
      }
    }
  }
}

export function logFileLine(line: Pick<StoredLogLine, 'timestamp' | 'line'> & Partial<Pick<StoredLogLine, 'stream' | 'level'>>): string {
  return `${line.timestamp} ${line.stream ?? 'stderr'}${line.level ? ` ${line.level}` : ''} ${line.line}\n`;
}
