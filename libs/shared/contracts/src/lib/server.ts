import type { ToolPolicy } from './drift';
/** How mcp-fleet talks to an MCP server. */
export const SERVER_TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
export type ServerTransport = (typeof SERVER_TRANSPORTS)[number];

/** Transports that reach a server over HTTP rather than a child process. */
export const REMOTE_TRANSPORTS: readonly ServerTransport[] = ['streamable-http', 'sse'];

/**
 * Which MCP protocol era to speak. `auto` probes with `server/discover` (briefly, on stdio) and
 * falls back to `initialize`; the verdict is remembered for the next starts.
 */
export const SERVER_PROTOCOLS = ['auto', '2026-07-28', 'legacy'] as const;
export type ServerProtocol = (typeof SERVER_PROTOCOLS)[number];
export const DEFAULT_SERVER_PROTOCOL: ServerProtocol = 'auto';

/** The lifecycle state machine (ARCHITECTURE.md §4). */
export const SERVER_STATES = ['stopped', 'starting', 'running', 'stopping', 'error', 'maintenance'] as const;
export type ServerState = (typeof SERVER_STATES)[number];

/** The coarse view of `state`: maintenance shows as stopped. */
export const SERVER_STATUSES = ['running', 'stopped', 'error', 'starting', 'stopping'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

export const DESIRED_STATES = ['running', 'stopped', 'maintenance'] as const;
export type DesiredState = (typeof DESIRED_STATES)[number];

export const HEALTH_STATUSES = ['unknown', 'healthy', 'degraded', 'unhealthy'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/**
 * A secret env value or header. Sent as `{ secret: true, value }` to set or replace it, or
 * as `{ secret: true }` in an update to keep the stored one. Returned as `{ secret: true }`:
 * the value is encrypted at rest and never leaves the server.
 */
export interface SecretValue {
  secret: true;
  value?: string;
}

/** A plain string, or a secret. */
export type ConfigValue = string | SecretValue;

export function isSecretValue(value: ConfigValue | undefined): value is SecretValue {
  return typeof value === 'object' && value !== null && value.secret === true;
}

export interface ServerConfig {
  /** stdio: the executable, spawned without a shell. */
  command?: string;
  /** stdio: arguments, passed as an array (never through a shell). */
  args?: string[];
  /** stdio: environment variables added to the small inherited allowlist. */
  env?: Record<string, ConfigValue>;
  /** stdio: absolute working directory. */
  cwd?: string;
  /** streamable-http / sse: the endpoint. */
  url?: string;
  /** streamable-http / sse: extra request headers. */
  headers?: Record<string, ConfigValue>;
  /** The protocol era to speak; absent means `auto`. */
  protocol?: ServerProtocol;
  /** What drift of its tool definitions does (see drift.ts); absent means the fleet default. */
  toolPolicy?: ToolPolicy;
  /** Time allowed for the first connect/handshake (a first `npx -y` may install packages). */
  startupTimeoutMs: number;
  /** Time allowed for one MCP request. */
  requestTimeoutMs: number;
  /** Time between SIGTERM and SIGKILL when stopping a stdio server. */
  killTimeoutMs: number;
  /** How many times a failed start is retried before the server goes to `error`. */
  retryAttempts: number;
  /** Interval between health probes. */
  healthCheckIntervalMs: number;
  /** Time one health probe may take. */
  healthCheckTimeoutMs: number;
  /** Consecutive failed probes after which the server counts as unhealthy and is restarted. */
  healthFailureThreshold: number;
  /** Unexpected exits tolerated within 10 minutes; one more puts the server in `error` (CRASH_LOOP). */
  maxRestarts: number;
  /** Exit codes that mean "done, do not restart" (the server stops instead). */
  stopExitCodes?: number[];
}

export interface ServerHealth {
  status: HealthStatus;
  /** Failed probes since the server was registered (consecutive ones in `consecutiveFailures`). */
  errorCount?: number;
  /** Typed reason of the last failure, null while healthy or unknown. */
  reason: string | null;
  lastCheckedAt: string | null;
  consecutiveFailures: number;
  latencyMs: number | null;
}

export interface ServerMetrics {
  requestCount: number;
  errorCount: number;
  /** (requests - errors) / requests of tool calls through the API; null before the first call. */
  successRate?: number | null;
  /** Seconds since the current run started, computed when read (0 while not running). */
  uptimeSeconds?: number;
  /** Resident memory of the server's whole process tree (stdio; null for remote servers). */
  memoryUsageMb?: number | null;
  /** CPU of the whole process tree over the last sample, in % of one core (stdio; null for remote). */
  cpuUsagePercent?: number | null;
  averageResponseTimeMs: number | null;
  restartCount: number;
  lastStartedAt: string | null;
}

export interface McpServer {
  id: string;
  name: string;
  description: string;
  /** Free-form category chosen by the operator (for example `filesystem`, `search`). */
  type: string;
  transport: ServerTransport;
  status: ServerStatus;
  state: ServerState;
  desiredState: DesiredState;
  config: ServerConfig;
  health: ServerHealth;
  metrics: ServerMetrics;
  enabled: boolean;
  tags: string[];
  /** Optimistic-concurrency version: send it back with every update. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * How many tool, resource and prompt definitions the server reports now differ from their
   * approved ones (changed + new + removed, as `GET .../drift` lists them); 0 without drift or
   * before a baseline. Set at each review of its catalog (start, `list_changed`) and approval.
   */
  driftCount: number;
  /**
   * The running (or starting) process was made from a config that differs from the stored one in
   * what it takes only at a start (APPLIED_AT_NEXT_START): a restart applies the change. Always
   * false for a server that is not starting or running.
   */
  pendingRestart: boolean;
  /** Those differing paths (`config.args`, `config.env.API_KEY`); empty when nothing waits. */
  pendingPaths: string[];
  /** The server's last failure, kept after it recovers (null: it never failed). */
  lastFailure: ServerFailure | null;
}

/** What ended a server's last failed start or run: what an operator needs to see first. */
export interface ServerFailure {
  /** `start`: a start failed; `run`: a running server exited, broke the protocol or lost its connection; `unhealthy`: stopped after failed checks. */
  kind: 'start' | 'run' | 'unhealthy';
  /** A failure reason (`EXITED`, `STARTUP_TIMEOUT`, ...); for `unhealthy`, the failed check's (`TIMEOUT`, ...). */
  reason: string;
  message: string;
  exitCode: number | null;
  signal: string | null;
  /** The last stderr lines before it (secrets redacted), oldest first; at most SERVER_FAILURE_STDERR_LINES. */
  lastStderr: string[];
  at: string;
  /** Starts that failed in a row since the last one that succeeded (0 once a start succeeded). */
  failedStarts: number;
}

export const SERVER_FAILURE_STDERR_LINES = 5;

/** `GET /api/mcp/servers/:id`: the server and the replica that runs it (null: none does now). */
export interface McpServerDetail extends McpServer {
  owner: string | null;
}

/**
 * Config as sent by a client. Omitted (or null) timeouts take their defaults; in an
 * update, a field set to null is removed (or reset to its default).
 */
export type ServerConfigInput = { [K in keyof ServerConfig]?: ServerConfig[K] | null };
export type ServerConfigPatch = ServerConfigInput;

export interface RegisterServerRequest {
  name: string;
  description?: string;
  type?: string;
  transport: ServerTransport;
  config: ServerConfigInput;
  enabled?: boolean;
  tags?: string[];
}

/**
 * What a running server takes only when it starts again: the process or connection is made
 * from these. Every other field applies at once (timeouts, health checks, restart policy,
 * name, tags); an update of a running server lists the ones that wait (`appliesAtNextStart`).
 */
export const APPLIED_AT_NEXT_START = [
  'transport',
  'config.command',
  'config.args',
  'config.env',
  'config.cwd',
  'config.url',
  'config.headers',
  'config.protocol',
  'config.startupTimeoutMs',
] as const;

/** The changed fields (dotted paths, as `server.updated` lists them) that wait for the next start. */
export function fieldsAppliedAtNextStart(changedFields: readonly string[]): string[] {
  return changedFields.filter((field) => APPLIED_AT_NEXT_START.some((path) => field === path || field.startsWith(`${path}.`)));
}

/** `PATCH /api/mcp/servers/:id`: the server, and what of the change waits for its next start. */
export interface UpdateServerResponse extends McpServer {
  /** Changed fields a running (or starting) server takes only at its next start; absent otherwise. */
  appliesAtNextStart?: string[];
}

export interface UpdateServerRequest {
  /** The version the client last saw; a stale one is refused with VERSION_CONFLICT. */
  version: number;
  name?: string;
  description?: string;
  type?: string;
  transport?: ServerTransport;
  config?: ServerConfigPatch;
  enabled?: boolean;
  tags?: string[];
}

export const SERVER_SORT_FIELDS = ['name', 'createdAt', 'updatedAt', 'status', 'transport', 'type'] as const;
export type ServerSortField = (typeof SERVER_SORT_FIELDS)[number];
/** `name` sorts ascending, `-name` descending. */
export type ServerSort = ServerSortField | `-${ServerSortField}`;

/** Which servers a list or a selection covers; every field narrows it further. */
export interface ServerFilter {
  status?: ServerStatus;
  type?: string;
  transport?: ServerTransport;
  tag?: string;
  enabled?: boolean;
  search?: string;
  /** true: only servers with drift to approve (`driftCount > 0`); false: only those without. */
  drift?: boolean;
  /** true: only servers in maintenance; false: only those that are not. */
  maintenance?: boolean;
  /** Only servers whose last health check says this (`unknown` for servers not running). */
  health?: HealthStatus;
}

export interface ListServersParams extends ServerFilter {
  page?: number;
  pageSize?: number;
  sort?: ServerSort;
}

/**
 * `GET /api/mcp/servers/matching`: every server a filter matches, id and name, for "select all N
 * matching". At most SELECTION_LIMITS.maxServers (the most one bulk operation takes); more
 * matches are refused with 422 TOO_MANY_MATCHES, so a selection is never silently cut short.
 */
export interface ServerSelection {
  items: { id: string; name: string }[];
  total: number;
}
