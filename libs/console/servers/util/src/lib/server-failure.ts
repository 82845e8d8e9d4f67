import type { McpServer, ServerFailure } from '@mcp-fleet/shared/contracts';

/** A server's last failure as the overview, the dashboard card and the list row show it. */
export interface FailureView {
  /** The server is in `error` because of it (shown first); otherwise it recovered since (shown quietly). */
  current: boolean;
  /** What happened, as a heading: "Failed to start", "Crashed", "Stopped: unhealthy". */
  title: string;
  /** The reason with its exit code or signal, short: "EXITED 7", "EXITED SIGKILL", "STARTUP_TIMEOUT". */
  cause: string;
  /** The exit code or signal in words ("exit code 7", "signal SIGKILL"), or null. */
  exit: string | null;
  message: string;
  /** The last stderr lines before it, oldest first (secrets masked by the API). */
  stderr: readonly string[];
  /** The very last stderr line, or null without any. */
  lastLine: string | null;
  /** "3 failed starts in a row", "1 failed start", or null when no start failed since the last good one. */
  attempts: string | null;
  /** When it happened (ISO). */
  at: string;
}

const TITLES: Record<ServerFailure['kind'], string> = {
  start: 'Failed to start',
  run: 'Crashed',
  unhealthy: 'Stopped: unhealthy',
};

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function failedStarts(count: number): string | null {
  return count === 0 ? null : count === 1 ? '1 failed start' : `${count} failed starts in a row`;
}

/** The one formatting of a failure: null for a server that never failed. */
export function describeFailure(server: Pick<McpServer, 'state' | 'lastFailure'>): FailureView | null {
  const failure = server.lastFailure;
  if (!failure) {
    return null;
  }
  const exit = failure.exitCode !== null ? `exit code ${failure.exitCode}` : failure.signal ? `signal ${failure.signal}` : null;
  const suffix = failure.exitCode !== null ? String(failure.exitCode) : (failure.signal ?? '');
  const stderr = failure.lastStderr.filter((line) => line.trim() !== '');
  return {
    current: server.state === 'error',
    title: TITLES[failure.kind] ?? 'Failed',
    cause: suffix ? `${failure.reason} ${suffix}` : failure.reason,
    exit,
    message: failure.message,
    stderr,
    lastLine: stderr.length > 0 ? stderr[stderr.length - 1] : null,
    attempts: failedStarts(failure.failedStarts),
    at: failure.at,
  };
}

/**
 * One line for a row or a card, given `when` already worded ("2 h ago"): a current failure names
 * its cause, when and the failed starts; a past one says quietly "Last failure 2 h ago: EXITED 7".
 */
export function failureSummary(view: FailureView, when: string): string {
  if (!view.current) {
    return `Last failure ${when}: ${view.cause}`;
  }
  return [view.cause, when, ...(view.attempts ? [view.attempts] : [])].join(' · ');
}

/**
 * What "Last started" says when there is no time to show, or when the starts since failed:
 * "Failed to start 3 times" (the last start that worked, if any, is older), "Never started", or
 * null when the server last started fine at `metrics.lastStartedAt`.
 */
export function startRecord(server: Pick<McpServer, 'metrics' | 'lastFailure'>): string | null {
  const failed = server.lastFailure?.failedStarts ?? 0;
  if (failed > 0) {
    return `Failed to start ${times(failed)}`;
  }
  return server.metrics.lastStartedAt ? null : 'Never started';
}
