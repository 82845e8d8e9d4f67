import type { Role } from './auth';
import type { CatalogKindName, DriftKind, ToolPolicy } from './drift';
import type { EventCategory, EventSeverity, FleetEvent } from './events';
import type { BulkItemResult, BulkOperation, FailureReason } from './runtime';
import type { McpServer, ServerState } from './server';

/** A change of one field of a server, as `server.updated` lists it (secrets as `{ secret: true }`). */
export interface FieldChangeRecord {
  field: string;
  before: unknown;
  after: unknown;
  secret?: true;
}

/**
 * The data each event type carries: the one vocabulary every emitter, the event store, the
 * Socket.IO gateway and the console share. A new event type is added here first.
 */
export interface EventDataMap {
  'server.registered': { server: McpServer };
  'server.updated': {
    changes: FieldChangeRecord[];
    version: { from: number; to: number };
    /** Changed fields the running server takes only at its next start. */
    appliesAtNextStart?: string[];
    /** The revision this change made (GET .../revisions/:rev). */
    revision?: number;
    /** Set when the change restored an earlier revision. */
    restoredFrom?: number;
  };
  'server.deleted': Record<string, never>;
  'server.status_changed': { from: ServerState; to: ServerState; reason: string | null };
  'server.started': {
    runId: string;
    pid: number | null;
    protocolVersion: string | null;
    serverInfo: Record<string, unknown>;
    tools: number;
    ms: number;
  };
  /** `reason` plus what the failure knew: `exitCode`, `signal`, `lastStderr`, `issues`, `url`, ... */
  'server.start_failed': { reason: FailureReason } & Record<string, unknown>;
  'server.stopped': { escalated: boolean; leftovers: boolean; runId: string; code: number | null; signal: string | null };
  'server.exited': {
    runId: string;
    reason: 'STOPPED' | 'EXITED' | 'PROTOCOL_ERROR' | 'CONNECTION_LOST';
    exitCode: number | null;
    signal: string | null;
    uptimeMs: number;
    lastStderr: string[];
  };
  /** A remote server's connection was lost while it ran (a dropped stream, a failed connection, no answer to the checks that followed). */
  'server.disconnected': { runId: string; reason: string; uptimeMs: number };
  'server.restart_scheduled': { delayMs: number; attempt: number };
  /** Another replica runs the server now: placed (no owner before), taken over (owner lost) or handed over (owner left). */
  'server.owner_changed': { from: string | null; to: string; reason: 'placement' | 'takeover' | 'handover' };
  'server.crash_loop': { count: number };
  'server.start_retries_exhausted': { count: number };
  'server.capabilities_changed': { kind: 'tools' | 'resources' | 'prompts'; count: number };
  /** A subscribed resource changed (`notifications/resources/updated`); `updates` counts those folded into this one. */
  'server.resource_updated': { uri: string; updates: number };
  /** A tool was switched off (hidden from every client, its calls refused) or on again. */
  'server.tool_switched': { tool: string; enabled: boolean };
  /** Definitions the server reports differ from their approved ones (a changed description, a new tool). */
  'tool.drift_detected': {
    policy: ToolPolicy;
    items: { kind: CatalogKindName; name: string; drift: DriftKind; changedFields?: string[] }[];
  };
  /** An operator approved the current definitions of these tools, resources or prompts. */
  'tool.approved': { items: { kind: CatalogKindName; name: string; drift: DriftKind }[] };
  'server.degraded': { reason: string | null; consecutiveFailures: number; message: string };
  'server.unhealthy': { reason: string | null; consecutiveFailures: number; message: string };
  'server.recovered': { latencyMs: number | null; failedProbes: number };
  'bulk.completed': {
    operationId: string;
    operation: BulkOperation | 'undo';
    /** An undo: the operation it undid. */
    undoneOperationId?: string;
    total: number;
    succeeded: number;
    failed: number;
    failures: BulkItemResult[];
  };
  'auth.login_succeeded': { ip: string | null; userAgent: string | null };
  'auth.login_failed': { email: string; reason: 'invalid_credentials' | 'too_many_attempts'; ip: string | null; userAgent: string | null };
  'auth.refresh_token_reused': { userId: string; ip: string | null; userAgent: string | null };
  'auth.access_denied': { method: string; route: string; missing: string[]; ip: string | null };
  'auth.api_token_created': {
    tokenId: string;
    name: string;
    prefix: string;
    permissions: string[];
    serverIds?: string[] | null;
    expiresAt: string | null;
  };
  'auth.api_token_revoked': { tokenId: string; name: string };
  'user.created': { userId: string; email: string; role: Role };
  'user.updated': { userId: string; email: string; changes: { field: string; before: unknown; after: unknown }[] };
  'user.password_reset': { userId: string };
  'user.password_changed': { userId: string };
}

export type EventType = keyof EventDataMap;

export interface EventTypeInfo {
  category: EventCategory;
  /** The severity it is recorded with, or the ones it may take. */
  severity: EventSeverity | readonly EventSeverity[];
  /** What happened, for the documentation and the console. */
  description: string;
}

/** Category, severity and meaning of every event type (docs/events.md is checked against it). */
export const EVENT_VOCABULARY: { readonly [T in EventType]: EventTypeInfo } = {
  'server.registered': { category: 'config', severity: 'info', description: 'A server was registered (its config masked).' },
  'server.updated': { category: 'config', severity: 'info', description: 'A server was edited: the changed fields, secrets masked.' },
  'server.deleted': { category: 'config', severity: 'info', description: 'A server was removed.' },
  'server.status_changed': {
    category: 'lifecycle',
    severity: ['info', 'error'],
    description: 'A move along the state machine, with its reason; error when the move is into error.',
  },
  'server.started': {
    category: 'command',
    severity: 'info',
    description: 'A start completed its handshake: run, pid, protocol, tools, time taken.',
  },
  'server.start_failed': {
    category: 'command',
    severity: 'error',
    description: 'A start failed, with the typed reason and what it knew (exit code, stderr).',
  },
  'server.stopped': {
    category: 'command',
    severity: ['info', 'warning'],
    description: 'A stop completed; a warning when SIGKILL was needed or processes survived.',
  },
  'server.exited': {
    category: 'lifecycle',
    severity: ['info', 'error'],
    description: 'A run ended without being asked to (crash, lost connection); info for a listed stop exit code.',
  },
  'server.disconnected': {
    category: 'lifecycle',
    severity: 'error',
    description: "A running remote server's connection was lost (reason given); retried by the remote policy.",
  },
  'server.restart_scheduled': { category: 'lifecycle', severity: 'warning', description: 'A restart is due after the backoff delay.' },
  'server.owner_changed': {
    category: 'lifecycle',
    severity: ['info', 'warning'],
    description: 'Another replica owns the server: placement, handover (owner left), or takeover (owner lost; a warning).',
  },
  'server.crash_loop': {
    category: 'lifecycle',
    severity: 'critical',
    description: 'Too many crashes within 10 minutes: no more restarts until an operator acts.',
  },
  'server.start_retries_exhausted': {
    category: 'lifecycle',
    severity: 'critical',
    description: 'A start failed retryAttempts + 1 times in a row: no more attempts until an operator acts.',
  },
  'server.capabilities_changed': {
    category: 'lifecycle',
    severity: 'info',
    description: 'The server announced a changed tool, resource or prompt list.',
  },
  'server.resource_updated': {
    category: 'lifecycle',
    severity: 'info',
    description: 'A resource the fleet subscribed to changed (at most one event per resource every 5 s; `updates` counts them).',
  },
  'tool.drift_detected': {
    category: 'config',
    severity: 'warning',
    description: 'A tool, resource or prompt definition differs from its approved one (changed, new or removed).',
  },
  'tool.approved': {
    category: 'config',
    severity: 'info',
    description: 'An operator approved the current definitions of tools, resources or prompts.',
  },
  'server.tool_switched': {
    category: 'config',
    severity: 'info',
    description: 'A tool was switched off (hidden from MCP clients, calls refused) or back on.',
  },
  'server.degraded': { category: 'health', severity: 'warning', description: 'A health probe failed, below the failure threshold.' },
  'server.unhealthy': {
    category: 'health',
    severity: 'error',
    description: 'Probes failed up to the threshold: the server is stopped and restarted by policy.',
  },
  'server.recovered': { category: 'health', severity: 'info', description: 'A probe answered again after failures.' },
  'bulk.completed': {
    category: 'command',
    severity: ['info', 'warning'],
    description: 'A bulk operation (or an undo, `operation: undo`) ended; a warning when some servers failed.',
  },
  'auth.login_succeeded': { category: 'security', severity: 'info', description: 'A user signed in.' },
  'auth.login_failed': { category: 'security', severity: 'warning', description: 'A sign-in failed or was throttled.' },
  'auth.refresh_token_reused': {
    category: 'security',
    severity: 'error',
    description: 'A used refresh token came back: its session was ended.',
  },
  'auth.access_denied': {
    category: 'security',
    severity: 'warning',
    description: 'A signed-in principal was refused a route for a missing permission.',
  },
  'auth.api_token_created': { category: 'security', severity: 'info', description: 'An API token was created (never its value).' },
  'auth.api_token_revoked': { category: 'security', severity: 'info', description: 'An API token was revoked.' },
  'user.created': { category: 'security', severity: 'info', description: 'A user was created.' },
  'user.updated': { category: 'security', severity: 'info', description: "A user's name, role or disabled flag changed." },
  'user.password_reset': { category: 'security', severity: 'info', description: "A user's password was reset; their sessions ended." },
  'user.password_changed': {
    category: 'security',
    severity: 'info',
    description: 'A user changed their own password; their other sessions ended.',
  },
};

export const EVENT_TYPE_LIST = Object.keys(EVENT_VOCABULARY) as EventType[];

/** The event types by name, for code that refers to one (never the string literal). */
export const EVENT_TYPES = {
  serverRegistered: 'server.registered',
  serverUpdated: 'server.updated',
  serverDeleted: 'server.deleted',
  serverStatusChanged: 'server.status_changed',
  serverStarted: 'server.started',
  serverStartFailed: 'server.start_failed',
  serverStopped: 'server.stopped',
  serverExited: 'server.exited',
  serverDisconnected: 'server.disconnected',
  serverRestartScheduled: 'server.restart_scheduled',
  serverOwnerChanged: 'server.owner_changed',
  serverCrashLoop: 'server.crash_loop',
  serverStartRetriesExhausted: 'server.start_retries_exhausted',
  serverCapabilitiesChanged: 'server.capabilities_changed',
  serverResourceUpdated: 'server.resource_updated',
  serverToolSwitched: 'server.tool_switched',
  toolDriftDetected: 'tool.drift_detected',
  toolApproved: 'tool.approved',
  serverDegraded: 'server.degraded',
  serverUnhealthy: 'server.unhealthy',
  serverRecovered: 'server.recovered',
  bulkCompleted: 'bulk.completed',
  loginSucceeded: 'auth.login_succeeded',
  loginFailed: 'auth.login_failed',
  refreshTokenReused: 'auth.refresh_token_reused',
  accessDenied: 'auth.access_denied',
  apiTokenCreated: 'auth.api_token_created',
  apiTokenRevoked: 'auth.api_token_revoked',
  userCreated: 'user.created',
  userUpdated: 'user.updated',
  userPasswordReset: 'user.password_reset',
  userPasswordChanged: 'user.password_changed',
} as const satisfies Record<string, EventType>;

/** A stored event of a known type, with its data typed. */
export type FleetEventOf<T extends EventType> = Omit<FleetEvent, 'type' | 'data'> & { type: T; data: EventDataMap[T] };

/** Narrows a stored event to one type (rows written by older versions may carry other types). */
export function isEventOfType<T extends EventType>(event: FleetEvent, type: T): event is FleetEvent & FleetEventOf<T> {
  return event.type === type;
}

export function isKnownEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_VOCABULARY, type);
}
