/** The rules of the live log view: a capped buffer, a text filter, and joining a page to the live feed. */

import type { LogStream, McpLogLevel } from '@mcp-fleet/shared/contracts';

export interface LogLine {
  /** Unique within one view, for list tracking. */
  id: number;
  runId: string;
  timestamp: string;
  /** Where the line came from: the process's stderr or stdout, or an MCP log message. */
  stream: LogStream;
  /** The MCP log level (`mcp` lines); null for plain output. */
  level: McpLogLevel | null;
  /** The whole line: what the filter searches. */
  text: string;
  /** What is rendered: the line, clipped when it is very long. */
  shown: string;
}

/** Lines kept in the browser; older ones drop off the top. */
export const LOG_BUFFER_LIMIT = 5000;

/** Characters of one line rendered; a flood of 10 KB lines would otherwise swamp the page. */
export const LOG_LINE_DISPLAY_LIMIT = 2000;

/** The line as rendered: clipped past `limit`, saying how much was left out. */
export function clipLine(text: string, limit = LOG_LINE_DISPLAY_LIMIT): string {
  if (text.length <= limit) {
    return text;
  }
  return `${text.slice(0, limit)} … (${(text.length - limit).toLocaleString('en-US')} more characters)`;
}

/** `lines` followed by `added`, keeping only the newest `cap`. */
export function appendCapped<T>(lines: readonly T[], added: readonly T[], cap = LOG_BUFFER_LIMIT): T[] {
  if (added.length === 0 && lines.length <= cap) {
    return lines as T[];
  }
  const all = lines.concat(added);
  return all.length > cap ? all.slice(all.length - cap) : all;
}

/** Case-insensitive substring match; a blank query keeps everything. */
export function filterLines<T extends { text: string }>(lines: readonly T[], query: string): readonly T[] {
  const needle = query.trim().toLowerCase();
  return needle === '' ? lines : lines.filter((line) => line.text.toLowerCase().includes(needle));
}

type Keyed = Pick<LogLine, 'runId' | 'timestamp' | 'text'>;

function keyOf(line: Keyed): string {
  return `${line.runId}\u0000${line.timestamp}\u0000${line.text}`;
}

/**
 * The live lines that came while a page was loading and are not already in it. The feed carries
 * no line number, so a line is matched by run, time and text, each page line used at most once
 * (a server may print the same line twice in one millisecond).
 */
export function unseenLiveLines<T extends Keyed>(page: readonly Keyed[], live: readonly T[]): T[] {
  const counts = new Map<string, number>();
  for (const line of page) {
    counts.set(keyOf(line), (counts.get(keyOf(line)) ?? 0) + 1);
  }
  return live.filter((line) => {
    const key = keyOf(line);
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      counts.set(key, left - 1);
      return false;
    }
    return true;
  });
}
