import type { LogStream, McpLogLevel } from './mcp-features';
import type { Page } from './page';
import type { ServerState } from './server';

export const EVENT_SEVERITIES = ['debug', 'info', 'warning', 'error', 'critical'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

export const EVENT_CATEGORIES = ['lifecycle', 'health', 'command', 'config', 'audit', 'security', 'system'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/**
 * Categories only principals with `mcp:admin` may read (sign-in attempts name accounts and
 * addresses). Everyone else with `mcp:view_events` sees the rest.
 */
export const RESTRICTED_EVENT_CATEGORIES: readonly EventCategory[] = ['audit', 'security'];

export const ACTOR_KINDS = ['user', 'token', 'system', 'anonymous'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who caused something: a signed-in user, an API token, the system itself, or nobody signed in. */
export interface Actor {
  kind: ActorKind;
  /** User or token id; null for the system and for anonymous callers. */
  id: string | null;
  /** Email, token name, `system`, or `anonymous`. */
  name: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'system' };

/** One row of the event store. `seq` grows monotonically in commit order. */
export interface FleetEvent {
  seq: number;
  id: string;
  timestamp: string;
  type: string;
  severity: EventSeverity;
  category: EventCategory;
  serverId: string | null;
  serverName: string | null;
  message: string;
  data: Record<string, unknown>;
  correlationId: string | null;
  actor: Actor;
  /** The API instance that recorded it. */
  instanceId: string;
}

export const EVENT_LIMITS = {
  maxLimit: 1000,
  defaultLimit: 100,
  maxSearchLength: 200,
  maxTypeLength: 100,
  maxFilterValues: 20,
} as const;

export interface ListEventsParams {
  serverId?: string;
  /** One type or several, comma-separated. */
  type?: string;
  severity?: EventSeverity;
  /** Only this severity and worse. */
  minSeverity?: EventSeverity;
  category?: EventCategory;
  from?: string;
  to?: string;
  /** Case-insensitive substring of the message, type or server name. */
  search?: string;
  /** Actor id, or the actor's name (email / token name / `system`). */
  actor?: string;
  correlationId?: string;
  limit?: number;
  offset?: number;
  /** Cursor: events after this seq, oldest first (for tailing and resuming). */
  afterSeq?: number;
  /** Cursor: events before this seq, newest first (for scrolling back). */
  beforeSeq?: number;
}

/** A page of events. Without a cursor the newest come first. */
export interface EventPage extends Page<FleetEvent> {
  /** Pass as `afterSeq` (ascending pages) or `beforeSeq` (descending pages) for the next page; null at the end. */
  nextCursor: number | null;
}

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `mcp-fleet-events-2026-11-25T03-26-00Z.csv`: the name of an export, sortable and safe on every file system. */
export function exportFileName(what: 'events' | 'audit', format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `mcp-fleet-${what}-${stamp}Z.${format}`;
}

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditTarget {
  type: string;
  id: string | null;
  name: string | null;
}

/** One audited action: who did what to which target, from where, and how it ended. */
export interface AuditEntry {
  seq: number;
  id: string;
  timestamp: string;
  actor: Actor;
  /** A stable dotted name such as `server.update` or `auth.api_token.create`. */
  action: string;
  target: AuditTarget | null;
  ip: string | null;
  userAgent: string | null;
  result: AuditResult;
  statusCode: number | null;
  errorCode: string | null;
  correlationId: string | null;
  /** `rest`, `socket` or `mcp` (the MCP gateway). */
  via: 'rest' | 'socket' | 'mcp';
  instanceId: string;
  /** How long the action took, in ms (MCP gateway calls); null otherwise. */
  durationMs: number | null;
}

export interface ListAuditParams {
  actor?: string;
  action?: string;
  targetId?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
  correlationId?: string;
  limit?: number;
  offset?: number;
  beforeSeq?: number;
}

export interface AuditPage extends Page<AuditEntry> {
  nextCursor: number | null;
}

// ---- Socket.IO (path /api/mcp/ws, handshake `auth: { token }`) ----

export const SOCKET_PATH = '/api/mcp/ws';

/**
 * Header of every REST read (GET), a snapshot: the last event seq this replica had sent to its
 * sockets when the read began. A client whose subscription was confirmed at a higher seq
 * (`SubscriptionState.seq`) may have missed events in between and reads again; otherwise the
 * snapshot and the live feed join without a gap, and a page loads its data once.
 */
export const EVENT_SEQ_HEADER = 'x-event-seq';

/** Channels a client can subscribe to, each an event name the server emits. */
export const SOCKET_CHANNELS = ['new_event', 'server_status_change', 'bulk_operation_progress', 'server_log'] as const;
export type SocketChannel = (typeof SOCKET_CHANNELS)[number];

export interface SubscribeRequest {
  events: SocketChannel[];
  /** Only these servers; omitted means every server (and events about no server). */
  serverIds?: string[];
  /**
   * Subscribe and resync in one step (`subscribe` only): stored events after this seq are
   * replayed first and live ones follow, strictly in seq order. The way to reconnect.
   */
  afterSeq?: number;
}

export interface SubscriptionState {
  /** Per channel: `all`, or the server ids it is limited to. */
  subscriptions: Partial<Record<SocketChannel, 'all' | string[]>>;
  /** The last event seq sent to sockets before this confirmation; later ones reach this socket. */
  seq: number;
}

export interface ResyncRequest {
  afterSeq: number;
}

export interface ResyncComplete {
  afterSeq: number;
  /** The last seq replayed (equal to afterSeq when nothing was missed). */
  lastSeq: number;
  replayed: number;
  /**
   * True when more was missed than one resync replays (10,000 events): read the rest from
   * `GET /api/mcp/events?afterSeq=lastSeq`, then resync from the last seq read.
   */
  truncated: boolean;
}

export interface ServerStatusChange {
  seq: number;
  serverId: string;
  serverName: string | null;
  from: ServerState | null;
  to: ServerState;
  reason: string | null;
  timestamp: string;
  correlationId: string | null;
}

export interface BulkOperationProgress {
  seq?: number;
  operationId: string;
  operation: string;
  total: number;
  completed: number;
  succeeded: number;
  failed: number;
  serverId?: string;
  success?: boolean;
}

export interface ServerLogLine {
  serverId: string;
  runId: string;
  stream: LogStream;
  /** The MCP log level of an `mcp` (or `stdout`) line; null for plain stderr. */
  level: McpLogLevel | null;
  line: string;
  timestamp: string;
}

/** A refused client message; the connection stays open. */
export interface SocketError {
  /** The client event that was refused. */
  event: string;
  code: 'VALIDATION_FAILED' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'INTERNAL_ERROR';
  message: string;
  details?: unknown;
}

export interface ServerToClientEvents {
  new_event: (event: FleetEvent) => void;
  server_status_change: (change: ServerStatusChange) => void;
  bulk_operation_progress: (progress: BulkOperationProgress) => void;
  server_log: (line: ServerLogLine) => void;
  subscription_confirmed: (state: SubscriptionState) => void;
  unsubscription_confirmed: (state: SubscriptionState) => void;
  resync_complete: (result: ResyncComplete) => void;
  exception: (error: SocketError) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest) => void;
  unsubscribe: (request: Omit<SubscribeRequest, 'afterSeq'>) => void;
  resync: (request: ResyncRequest) => void;
}
