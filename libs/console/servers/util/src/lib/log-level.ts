import { LOG_STREAMS, type LogStream, MCP_LOG_LEVELS, type McpLogLevel } from '@mcp-fleet/shared/contracts';

import { filterLines } from './log-buffer';

/** Where a line came from and how severe it is, as the log view needs them. */
export interface LogOrigin {
  stream: LogStream;
  level: McpLogLevel | null;
}

/** How a line stands out: `error` for error and above, `warning` for warnings. */
export type LogTone = 'error' | 'warning' | null;

/** What the log view filters by. */
export interface LogFilter {
  query: string;
  /** Streams shown; empty shows every stream. */
  streams: readonly LogStream[];
  /** Lines with a level below this are hidden; lines without a level are kept (stderr has none). */
  minLevel: McpLogLevel | null;
}

const isStream = (value: unknown): value is LogStream => (LOG_STREAMS as readonly unknown[]).includes(value);
const isLevel = (value: unknown): value is McpLogLevel => (MCP_LOG_LEVELS as readonly unknown[]).includes(value);

/**
 * The stream and level of a line from the API or the live feed. Older APIs send neither:
 * such a line is stderr output without a level. Unknown values are read the same way.
 */
export function logOrigin(raw: { stream?: unknown; level?: unknown }): LogOrigin {
  return { stream: isStream(raw.stream) ? raw.stream : 'stderr', level: isLevel(raw.level) ? raw.level : null };
}

/** 0 for debug up to 7 for emergency (RFC 5424 order); -1 for no level. */
export function logLevelRank(level: McpLogLevel | null): number {
  return level === null ? -1 : MCP_LOG_LEVELS.indexOf(level);
}

const WARNING = logLevelRank('warning');
const ERROR = logLevelRank('error');

/**
 * How a line is marked. stdout of a stdio server is not MCP (it corrupts the protocol stream),
 * so a line there without a level of its own reads as a warning.
 */
export function logTone(line: LogOrigin): LogTone {
  const rank = line.level === null && line.stream === 'stdout' ? WARNING : logLevelRank(line.level);
  return rank >= ERROR ? 'error' : rank >= WARNING ? 'warning' : null;
}

/** The text filter, then the stream and minimum-level filters. */
export function filterLogLines<T extends LogOrigin & { text: string }>(lines: readonly T[], filter: LogFilter): readonly T[] {
  const byText = filterLines(lines, filter.query);
  const streams = filter.streams.length > 0 ? new Set(filter.streams) : null;
  const min = logLevelRank(filter.minLevel);
  if (streams === null && min < 0) {
    return byText;
  }
  return byText.filter(
    (line) => (streams === null || streams.has(line.stream)) && (line.level === null || logLevelRank(line.level) >= min),
  );
}
