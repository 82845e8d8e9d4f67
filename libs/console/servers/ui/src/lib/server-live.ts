import {
  commandAccepted,
  EVENT_TYPES,
  type FleetEvent,
  type HealthStatus,
  type McpServer,
  type ServerState,
  type ServerStatusChange,
  statusOf,
} from '@mcp-fleet/shared/contracts';

/** The lifecycle commands a server row or card offers directly. */
export type QuickAction = 'start' | 'stop' | 'restart';

/** Whether the API accepts `action` from `state` now (the contracts' one table). */
export function actionAllowed(action: QuickAction, state: ServerState): boolean {
  return commandAccepted(action, state);
}

/**
 * What the supervisor stores alongside a move: a completed start is healthy, a stop forgets the
 * verdict, an error is unhealthy. Mirrored so a badge is right before the next REST snapshot.
 */
function healthAfter(state: ServerState, current: HealthStatus): HealthStatus {
  switch (state) {
    case 'running':
      return 'healthy';
    case 'stopped':
    case 'maintenance':
      return 'unknown';
    case 'error':
      return 'unhealthy';
    case 'starting':
    case 'stopping':
      return current;
  }
}

/** A server as it is after a live `server_status_change`; the same object when nothing changed. */
export function applyStatusChange(server: McpServer, change: ServerStatusChange): McpServer {
  if (server.id !== change.serverId || server.state === change.to) {
    return server;
  }
  const running = change.to === 'running';
  const started = running ? { ...server.metrics, lastStartedAt: change.timestamp } : server.metrics;
  // A start that worked ends the run of failed starts (the API resets failedStarts with it);
  // a new failure's details come with the next snapshot (the lists re-read on a move to error).
  const lastFailure = running && server.lastFailure ? { ...server.lastFailure, failedStarts: 0 } : server.lastFailure;
  return {
    ...server,
    lastFailure,
    state: change.to,
    status: statusOf(change.to),
    health: { ...server.health, status: healthAfter(change.to, server.health.status) },
    metrics: started,
  };
}

const HEALTH_EVENTS: Partial<Record<string, HealthStatus>> = {
  [EVENT_TYPES.serverUnhealthy]: 'unhealthy',
  [EVENT_TYPES.serverDegraded]: 'degraded',
  [EVENT_TYPES.serverRecovered]: 'healthy',
};

/** A server as it is after a live health event (`server.unhealthy`, `server.degraded`, `server.recovered`). */
export function applyHealthEvent(server: McpServer, event: FleetEvent): McpServer {
  const status = HEALTH_EVENTS[event.type];
  if (!status || server.id !== event.serverId || server.health.status === status) {
    return server;
  }
  return { ...server, health: { ...server.health, status } };
}

/** Applies a state from a command or bulk result, when it differs. */
export function withState(server: McpServer, state: ServerState | undefined): McpServer {
  if (!state || server.state === state) {
    return server;
  }
  return { ...server, state, status: statusOf(state), health: { ...server.health, status: healthAfter(state, server.health.status) } };
}

/** Seconds since the current run started; null when the server is not running. */
export function uptimeSeconds(server: McpServer, now: number): number | null {
  if (server.state !== 'running' || !server.metrics.lastStartedAt) {
    return null;
  }
  return Math.max(0, (now - Date.parse(server.metrics.lastStartedAt)) / 1000);
}

/** Lower ranks need attention first: broken, then unwell, then moving, then serving, then idle. */
export function attentionRank(server: McpServer): number {
  if (server.state === 'error') return 0;
  if (server.health.status === 'unhealthy') return 1;
  if (server.health.status === 'degraded') return 2;
  if (server.state === 'starting' || server.state === 'stopping') return 3;
  if (server.state === 'running') return 4;
  if (server.state === 'maintenance') return 5;
  return 6;
}

/** Attention order, then by name, so the order is stable between refreshes. */
export function byAttention(a: McpServer, b: McpServer): number {
  return attentionRank(a) - attentionRank(b) || a.name.localeCompare(b.name);
}

/** The commands in flight per server, with this server's set (an action) or cleared (null). */
export function withPending(
  pending: ReadonlyMap<string, QuickAction>,
  serverId: string,
  action: QuickAction | null,
): ReadonlyMap<string, QuickAction> {
  const next = new Map(pending);
  if (action) {
    next.set(serverId, action);
  } else {
    next.delete(serverId);
  }
  return next;
}
