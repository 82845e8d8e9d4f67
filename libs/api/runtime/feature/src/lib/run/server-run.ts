import type { StoredCatalog, UpstreamOptions, UpstreamRequest } from '@mcp-fleet/api/runtime/data-access';
import type { McpServer, ToolCallInput } from '@mcp-fleet/shared/contracts';

import type { Redactor } from '../domain/redactor';
import type { RunEnd, StopOutcome } from '../domain/run-end';

/**
 * One run of one server, as the supervisor, the health monitor and the tool-call path see it.
 * ServerRuntime is the real one (a process or a connection); tests supply their own through
 * RuntimeFactory, so the supervisor's rules run against a real database without processes.
 */
export interface ServerRun {
  readonly runId: string;
  readonly server: McpServer;
  /** Masks this run's secrets in whatever leaves the run. */
  readonly redactor: Redactor;
  /** Resolves once, when the run is over for any reason. */
  readonly ended: Promise<RunEnd>;
  readonly pid: number | undefined;
  /** When this run's start began (for uptime). */
  readonly startedAtMs: number;
  /** Whether the process is still there (a remote server has none to check). */
  readonly alive: boolean;
  /** Its stop sequence has begun (or it ended): it takes no more requests. */
  readonly isStopping: boolean;
  /** Spawns or connects and completes the handshake; throws RuntimeFailure with the reason. */
  start(): Promise<Omit<StoredCatalog, 'refreshedAt'>>;
  /** The stop sequence; resolves once nothing of the run is left. */
  stop(killTimeoutMs: number): Promise<StopOutcome>;
  /** Resolves once the last stderr lines have been read, or after `capMs`. */
  stderrDone(capMs: number): Promise<void>;
  /** A cheap request that must be answered (health). */
  probe(timeoutMs: number): Promise<void>;
  /**
   * `options.signal` aborts the call upstream (`notifications/cancelled`): UpstreamCancelledError;
   * `options.onProgress` hears the server's progress (redacted), each one resetting the timeout.
   */
  callTool(
    name: string,
    args: Record<string, unknown>,
    timeoutMs: number,
    options?: UpstreamOptions & { input?: ToolCallInput },
  ): Promise<Record<string, unknown>>;
  /**
   * Any MCP request, its result passed through as the server gave it (redacted). A JSON-RPC error
   * from the server is an UpstreamRpcError; a timeout, MCP_REQUEST_TIMEOUT.
   */
  request(request: UpstreamRequest, timeoutMs: number, options?: UpstreamOptions): Promise<Record<string, unknown>>;
}
