import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { containsPattern, queryRows } from '@mcp-fleet/api/shared/database';
import { storableText } from '@mcp-fleet/api/shared/security';
import type { LogStream, McpLogLevel } from '@mcp-fleet/shared/contracts';

export interface NewLogLine {
  runId: string;
  serverId: string;
  /** Per run, from 1. */
  lineNo: number;
  /** ISO-8601: when the line was read, not when it was stored. */
  timestamp: string;
  line: string;
  /** Default `stderr`. */
  stream?: LogStream;
  /** The MCP log level; default none. */
  level?: McpLogLevel | null;
}

export interface StoredLogLine extends NewLogLine {
  seq: number;
  stream: LogStream;
  level: McpLogLevel | null;
}

export interface LogPageQuery {
  runId?: string;
  /** Lines after this seq, oldest first. */
  sinceSeq?: number;
  /** Lines logged at or after this time, oldest first. */
  sinceTime?: Date;
  /** Only lines containing this text, case-insensitively. */
  search?: string;
  limit: number;
}

// seq comes back as a string (bigint); no cast here, or ORDER BY seq would sort the text.
const COLUMNS = `seq, run_id AS "runId", server_id AS "serverId", line_no AS "lineNo", logged_at AS "timestamp", line, stream, level`;

const RUN_LINES_BATCH = 1000;

type LogRow = Omit<StoredLogLine, 'seq' | 'timestamp'> & {
  seq: string;
  timestamp: Date;
};

/** Log lines of servers (stderr, non-MCP stdout, MCP log messages), one row per line; no foreign key, so a deleted server's logs stay readable. */
@Injectable()
export class LogsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement per batch. A batch retried after a commit whose answer was lost hits the
   * unique (run_id, line_no) index and is skipped instead of stored twice.
   */
  async insertBatch(lines: NewLogLine[]): Promise<void> {
    if (lines.length === 0) {
      return;
    }
    const records = lines.map((l, n) => ({
      n,
      run_id: l.runId,
      server_id: l.serverId,
      line_no: l.lineNo,
      logged_at: l.timestamp,
      line: l.line,
      stream: l.stream ?? 'stderr',
      level: l.level ?? null,
    }));
    await queryRows(
      this.dataSource,
      `INSERT INTO server_logs (run_id, server_id, line_no, logged_at, line, stream, level)
       SELECT run_id, server_id, line_no, logged_at, line, stream, level
       FROM jsonb_to_recordset($1::jsonb)
         AS r(n int, run_id uuid, server_id uuid, line_no int, logged_at timestamptz, line text, stream text, level text)
       ORDER BY n
       ON CONFLICT (run_id, line_no) DO NOTHING`,
      [JSON.stringify(records, (_key, value: unknown) => (typeof value === 'string' ? storableText(value) : value))],
    );
  }

  /**
   * Oldest first. Without `sinceSeq`/`sinceTime`: the last `limit` lines (a tail). Within one run
   * seq and line_no grow together (one writer per instance, one instance per run).
   */
  async page(serverId: string, query: LogPageQuery): Promise<StoredLogLine[]> {
    const params: unknown[] = [serverId];
    const where = ['server_id = $1'];
    if (query.runId) {
      params.push(query.runId);
      where.push(`run_id = $${params.length}`);
    }
    const tail = query.sinceSeq === undefined && query.sinceTime === undefined;
    if (query.sinceSeq !== undefined) {
      params.push(query.sinceSeq);
      where.push(`seq > $${params.length}`);
    }
    if (query.sinceTime) {
      params.push(query.sinceTime);
      where.push(`logged_at >= $${params.length}`);
    }
    if (query.search) {
      params.push(containsPattern(query.search));
      where.push(`line ILIKE $${params.length}`);
    }
    params.push(query.limit);
    // After a seq, (server_id, seq) finds the few new rows; otherwise (run_id, line_no) reads one run in order.
    const order = query.runId && query.sinceSeq === undefined ? 'line_no' : 'seq';
    const rows = await queryRows<LogRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM server_logs WHERE ${where.join(' AND ')} ORDER BY ${order} ${tail ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    );
    const lines = rows.map(toStored);
    return tail ? lines.reverse() : lines;
  }

  /** Every stored line of one run, in order, read RUN_LINES_BATCH at a time (a download of its log). */
  async *runLines(serverId: string, runId: string): AsyncGenerator<StoredLogLine> {
    let after = 0;
    for (;;) {
      const rows = await queryRows<LogRow>(
        this.dataSource,
        `SELECT ${COLUMNS} FROM server_logs WHERE server_id = $1 AND run_id = $2 AND line_no > $3 ORDER BY line_no LIMIT ${RUN_LINES_BATCH}`,
        [serverId, runId, after],
      );
      for (const row of rows) {
        yield toStored(row);
      }
      const last = rows.at(-1);
      if (!last || rows.length < RUN_LINES_BATCH) {
        return;
      }
      after = last.lineNo;
    }
  }

  /** The run that logged last: the fallback when its server_runs row is gone. */
  async latestRunId(serverId: string): Promise<string | undefined> {
    const rows = await queryRows<{ runId: string }>(
      this.dataSource,
      `SELECT run_id AS "runId" FROM server_logs WHERE server_id = $1 ORDER BY seq DESC LIMIT 1`,
      [serverId],
    );
    return rows[0]?.runId;
  }

  /** Deletes up to `batchSize` lines logged before `cutoff`; returns how many went. */
  async deleteOlderThan(cutoff: Date, batchSize: number): Promise<number> {
    const rows = await queryRows<{ deleted: number }>(
      this.dataSource,
      `WITH gone AS (
         DELETE FROM server_logs WHERE seq IN (SELECT seq FROM server_logs WHERE logged_at < $1 ORDER BY logged_at LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [cutoff, batchSize],
    );
    return rows[0]?.deleted ?? 0;
  }
}

function toStored(row: LogRow): StoredLogLine {
  return {
    ...row,
    seq: Number(row.seq),
    timestamp: new Date(row.timestamp).toISOString(),
  };
}
