import type { LogStream, McpLogLevel } from './mcp-features';
import type { ServerHealth, ServerState, ServerStatus } from './server';

/** What a lifecycle command did (ARCHITECTURE.md §5). */
export interface CommandResult {
  success: boolean;
  serverId: string;
  serverName: string;
  commandType: LifecycleCommand;
  message: string;
  errorCode?: string;
  errorDetails?: unknown;
  /** The state the server is in after the command. */
  state: ServerState;
  executionTimeMs: number;
  timestamp: string;
  correlationId: string | null;
  /** What `POST /api/mcp/operations/:operationId/undo` takes to put the server back as it was. */
  operationId: string;
}

export const LIFECYCLE_COMMANDS = ['start', 'stop', 'restart', 'enter_maintenance', 'exit_maintenance'] as const;
export type LifecycleCommand = (typeof LIFECYCLE_COMMANDS)[number];

/** Why a server is not running as it should; kept in health.reason and in events. */
export const FAILURE_REASONS = [
  'SPAWN_FAILED',
  'EXITED',
  'STARTUP_TIMEOUT',
  'PROTOCOL_ERROR',
  'CONNECTION_REFUSED',
  /** A remote server's host name did not resolve (a transient network failure: retried, unlike a policy refusal). */
  'DNS_FAILED',
  /** The connection to a running remote server was lost. */
  'CONNECTION_LOST',
  'AUTH',
  'TLS',
  /** A remote server answered the connect with an HTTP error (status in the details). */
  'HTTP_ERROR',
  /** A remote server answers another transport than the one configured (suggestion in the details). */
  'WRONG_TRANSPORT',
  'URL_NOT_ALLOWED',
  'STDIO_NOT_ALLOWED',
  'CRASH_LOOP',
  'STOP_FAILED',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * Failures that repeat until an operator changes the config or the launch policy: a start that
 * fails with one of these is not retried (a remote server otherwise is, forever).
 */
export const FAILURES_NEEDING_AN_OPERATOR: readonly FailureReason[] = ['STDIO_NOT_ALLOWED', 'URL_NOT_ALLOWED', 'WRONG_TRANSPORT'];

/**
 * Which lifecycle command the API accepts from which state: the one table the supervisor
 * enforces and the console reads to offer only the actions that can succeed. Start, stop and
 * maintenance follow the state machine's edges (stop also ends a start, a crash-looping
 * server or a maintenance window); restart is a stop and a start, so it takes a server that
 * runs, failed or is stopped.
 */
export const COMMAND_ACCEPTED_FROM: Record<LifecycleCommand, readonly ServerState[]> = {
  // Not from maintenance: leaving it is its own command (exit_maintenance), never a side effect.
  start: ['stopped', 'error'],
  stop: ['running', 'starting', 'error', 'maintenance'],
  restart: ['running', 'error', 'stopped'],
  enter_maintenance: ['stopped', 'running', 'error'],
  exit_maintenance: ['maintenance'],
};

export function commandAccepted(command: LifecycleCommand, state: ServerState): boolean {
  return COMMAND_ACCEPTED_FROM[command].includes(state);
}

/** The commands that start a server: refused for a disabled one (409 SERVER_DISABLED), whatever its state. */
export function startsServer(command: LifecycleCommand): boolean {
  return command === 'start' || command === 'restart';
}

/** The coarse status shown in lists: maintenance reads as stopped. */
export function statusOf(state: ServerState): ServerStatus {
  return state === 'maintenance' ? 'stopped' : state;
}

/** The allowed edges of the server state machine (ARCHITECTURE.md §4). */
export const STATE_TRANSITIONS: Record<ServerState, readonly ServerState[]> = {
  stopped: ['starting', 'maintenance'],
  starting: ['running', 'error', 'stopped'],
  running: ['stopping', 'error', 'maintenance'],
  stopping: ['stopped', 'error'],
  error: ['stopped', 'starting', 'maintenance'],
  maintenance: ['stopped', 'starting'],
};

export interface ServerCatalog {
  serverId: string;
  /** The negotiated protocol revision, e.g. `2026-07-28` or `2025-11-25`. */
  protocolVersion: string | null;
  serverInfo: { name?: string; version?: string; [key: string]: unknown };
  capabilities: Record<string, unknown>;
  refreshedAt: string;
}

export interface CatalogTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface CatalogList<T> {
  serverId: string;
  protocolVersion: string | null;
  refreshedAt: string | null;
  items: T[];
}

export const BULK_LIMITS = { maxServerIds: 500 } as const;
/** A selection by filter feeds one bulk operation, so it is bounded the same way. */
export const SELECTION_LIMITS = { maxServers: BULK_LIMITS.maxServerIds } as const;
export const BULK_OPERATIONS = ['start', 'stop', 'restart'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

export interface BulkOperationRequest {
  serverIds: string[];
}

export interface BulkItemResult {
  serverId: string;
  success: boolean;
  /** An error code (`INVALID_TRANSITION`, `SERVER_NOT_FOUND`) or a failure reason (`EXITED`, ...). */
  code?: string;
  message: string;
  state?: ServerState;
  executionTimeMs: number;
}

/** One result per server, in the order asked; one failure never fails the batch. */
export interface BulkOperationResponse {
  /** Also what `POST /api/mcp/operations/:operationId/undo` takes. */
  operationId: string;
  operation: BulkOperation;
  total: number;
  succeeded: number;
  failed: number;
  executionTimeMs: number;
  results: BulkItemResult[];
}

/**
 * How long a lifecycle command or bulk operation can be undone: its record of each server's
 * desired state before it is kept this long (docs/lifecycle.md, Undo).
 */
export const UNDO_WINDOW_DAYS = 7;

/**
 * The answer of `POST /api/mcp/operations/:operationId/undo`: the bulk operation that put each
 * server back (itself undoable by its `operationId`). A server changed since by a later
 * operation is an item with `code: 'UNDO_CONFLICT'`, left as it is.
 */
export interface UndoOperationResponse extends Omit<BulkOperationResponse, 'operation'> {
  operation: 'undo';
  /** The operation this one undid. */
  undoneOperationId: string;
  /** Items left alone because the server was changed since. */
  conflicts: number;
}

/** The answer of `POST /api/mcp/servers/:id/health-check`. */
export interface HealthCheckResult {
  serverId: string;
  healthy: boolean;
  /** `TIMEOUT`, `EXITED`, `PROTOCOL_ERROR`, `CONNECTION_REFUSED`, `TLS`, `AUTH`; null when healthy. */
  reason: string | null;
  message: string;
  latencyMs: number;
  checkedAt: string;
  health: ServerHealth;
}

/**
 * The answer to a tool result of `resultType: 'input_required'` (2026-07-28): the call is sent
 * again with the input the server asked for and its opaque state, echoed as it came.
 */
export interface ToolCallInput {
  inputResponses?: Record<string, unknown>;
  requestState?: string;
}

export interface CallToolRequest extends ToolCallInput {
  arguments?: Record<string, unknown>;
}

/** Bounds of a tool call's input round: the state is the server's, echoed. */
export const TOOL_CALL_INPUT_LIMITS = { requestStateMaxLength: 65_536 } as const;

export interface CallToolResponse {
  /** The MCP tool result as the server returned it (`content`, `structuredContent`, `isError`). */
  result: Record<string, unknown>;
  durationMs: number;
}

export const LOG_LIMITS = { defaultLimit: 200, maxLimit: 1000, searchMaxLength: 200 } as const;

/** One log line of a server (stderr, stdout that is not MCP, or an MCP log message), secrets redacted. */
export interface ServerLogEntry {
  /** Position in the log store; null for a line still on its way there (served from memory). */
  seq: number | null;
  runId: string;
  /** Per run, from 1: with runId, identifies a line across pages and the live `server_log` feed. */
  lineNo: number;
  timestamp: string;
  line: string;
  /** Where the line came from; lines stored before streams were kept are `stderr`. */
  stream: LogStream;
  /** The MCP log level (`mcp` lines, and `stdout` lines kept as warnings); null for plain stderr. */
  level: McpLogLevel | null;
}

/** One run of a server: one start → exit. */
export interface ServerRunSummary {
  runId: string;
  transport: string;
  pid: number | null;
  instanceId: string;
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  exitSignal: string | null;
  endReason: string | null;
}

/**
 * GET /api/mcp/servers/:id/logs: lines of one run (the latest unless `runId` is given), oldest
 * first. Pass `nextCursor` back as `since` to read on.
 */
export interface ServerLogPage {
  serverId: string;
  /** The run shown; null when the server never ran. */
  runId: string | null;
  items: ServerLogEntry[];
  nextCursor: number | null;
  /** The latest runs, newest first. */
  runs: ServerRunSummary[];
}

export interface ServerLogParams {
  runId?: string;
  /** A seq (lines after it) or an ISO-8601 time (lines at or after it). */
  since?: string;
  limit?: number;
  /** Only lines containing this text, case-insensitively (`%` and `_` are literal). */
  search?: string;
}

/** `GET /api/system-info`: this API instance and the fleet at a glance. */
export interface SystemInfo {
  version: string;
  instanceId: string;
  uptimeSeconds: number;
  node: string;
  database: 'embedded' | 'external';
  cpu: { cores: number; loadAverage: number[] };
  memory: { totalBytes: number; freeBytes: number; processRssBytes: number; heapUsedBytes: number };
  /** The filesystem holding DATA_DIR; null when it cannot be read. */
  disk: { path: string; totalBytes: number; freeBytes: number } | null;
  servers: { total: number; byState: Record<string, number> };
}

/** `GET /api/mcp/overview`: the figures of the dashboard's stat cards, in one call. */
export interface FleetOverview {
  servers: {
    total: number;
    /** Every state, zero included. */
    byState: Record<ServerState, number>;
    /** Servers whose last health verdict is `unhealthy` (or `degraded`). */
    unhealthy: number;
    degraded: number;
  };
  /** Mean tool-call response time across the fleet, weighted by each server's request count; null before any call. */
  averageResponseTimeMs: number | null;
  /** Events the caller may read (restricted categories only for admins) recorded in the last hour. */
  eventsLastHour: number;
  generatedAt: string;
}

export const METRICS_HISTORY_LIMITS = { minStepSeconds: 15, maxPoints: 2000, defaultRangeSeconds: 3600 } as const;

/** One bucket of `GET /api/mcp/servers/:id/metrics/history`. */
export interface MetricPoint {
  /** Start of the bucket. */
  at: string;
  /** Mean probe latency in the bucket. */
  probeLatencyMs: number | null;
  /** Mean CPU of the process tree, % of one core. */
  cpuPercent: number | null;
  /** Peak resident memory of the process tree. */
  memoryMb: number | null;
  /** Tool calls through the API in the bucket, and how many failed. */
  requests: number;
  errors: number;
  samples: number;
}

export interface MetricHistory {
  serverId: string;
  from: string;
  to: string;
  stepSeconds: number;
  points: MetricPoint[];
}

/** The time ranges the console's charts offer, in seconds (the API takes any `from`/`to`). */
export const METRIC_RANGES = { '1h': 3_600, '6h': 21_600, '24h': 86_400, '7d': 604_800 } as const;
export type MetricRange = keyof typeof METRIC_RANGES;

/** One bucket of `GET /api/mcp/metrics/history`: the fleet (or a scoped token's servers) summed. */
export interface FleetMetricPoint {
  /** Start of the bucket. */
  at: string;
  /** Servers that reported samples in the bucket, i.e. were running during it. */
  servers: number;
  /** Of those, the ones failing their health probe (degraded or unhealthy) in at least one sample of the bucket. */
  unhealthy: number;
  /** Sum over the servers of their mean CPU in the bucket, % of one core. */
  cpuPercent: number | null;
  /** Sum over the servers of their peak resident memory in the bucket. */
  memoryMb: number | null;
  /** Tool calls through the API in the bucket, and how many failed. */
  requests: number;
  errors: number;
}

export interface FleetMetricHistory {
  from: string;
  to: string;
  stepSeconds: number;
  points: FleetMetricPoint[];
}

/** `GET /api/mcp/instances`: one live API replica. */
export interface ApiInstanceInfo {
  instanceId: string;
  /** Where the other replicas forward operations on the servers it owns. */
  address: string;
  version: string;
  startedAt: string;
  lastHeartbeatAt: string;
  /** Servers it holds a live lease on. */
  ownedServers: number;
  /** The replica that answered this request. */
  self: boolean;
}
