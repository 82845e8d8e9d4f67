import { type McpServer, SERVER_FAILURE_STDERR_LINES, type ServerFailure } from '@mcp-fleet/shared/contracts';

/** What a failure knew, as its events carry it: exit code, signal, last stderr lines (redacted). */
export interface FailureFacts {
  exitCode?: unknown;
  signal?: unknown;
  lastStderr?: unknown;
}

/**
 * The failure a move to `error` records with it (`lastFailure`): a failed start counts on from the
 * last failure's `failedStarts`; any other failure follows a start that succeeded.
 */
export function serverFailure(
  server: Pick<McpServer, 'lastFailure'>,
  kind: ServerFailure['kind'],
  reason: string,
  message: string,
  facts: FailureFacts,
): ServerFailure {
  const lines = Array.isArray(facts.lastStderr) ? facts.lastStderr.filter((line): line is string => typeof line === 'string') : [];
  return {
    kind,
    reason,
    message,
    exitCode: typeof facts.exitCode === 'number' ? facts.exitCode : null,
    signal: typeof facts.signal === 'string' ? facts.signal : null,
    lastStderr: lines.slice(-SERVER_FAILURE_STDERR_LINES),
    at: new Date().toISOString(),
    failedStarts: kind === 'start' ? (server.lastFailure?.failedStarts ?? 0) + 1 : 0,
  };
}
