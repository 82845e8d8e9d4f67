import type { NewEvent } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { McpServer, ServerState } from '@mcp-fleet/shared/contracts';

import type { RunEnd, StopOutcome } from './run-end';

/** Event-store rows for the lifecycle (category `lifecycle`, `command` for command results). */

function about(
  server: Pick<McpServer, 'id' | 'name'>,
  context: CallContext,
  fields: Omit<NewEvent, 'serverId' | 'serverName' | 'actor' | 'correlationId'>,
): NewEvent {
  return { ...fields, serverId: server.id, serverName: server.name, actor: context.actor, correlationId: context.correlationId };
}

export function statusChanged(
  server: Pick<McpServer, 'id' | 'name'>,
  from: ServerState,
  to: ServerState,
  reason: string | null,
  context: CallContext,
): NewEvent {
  return about(server, context, {
    type: 'server.status_changed',
    severity: to === 'error' ? 'error' : 'info',
    category: 'lifecycle',
    message: `${server.name}: ${from} → ${to}${reason ? ` (${reason})` : ''}`,
    data: { from, to, reason },
  });
}

export function started(
  server: McpServer,
  details: {
    runId: string;
    pid: number | null;
    protocolVersion: string | null;
    serverInfo: Record<string, unknown>;
    tools: number;
    ms: number;
  },
  context: CallContext,
): NewEvent {
  return about(server, context, {
    type: 'server.started',
    severity: 'info',
    category: 'command',
    message: `${server.name} started in ${details.ms} ms (protocol ${details.protocolVersion ?? 'unknown'}, ${details.tools} tools)`,
    data: details,
  });
}

export function startFailed(
  server: McpServer,
  reason: string,
  message: string,
  details: Record<string, unknown>,
  context: CallContext,
): NewEvent {
  return about(server, context, {
    type: 'server.start_failed',
    severity: 'error',
    category: 'command',
    message: `${server.name} failed to start: ${message}`,
    data: { reason, ...details },
  });
}

export function stopped(
  server: McpServer,
  outcome: StopOutcome & { runId: string; code: number | null; signal: string | null },
  context: CallContext,
): NewEvent {
  return about(server, context, {
    type: 'server.stopped',
    severity: outcome.escalated || outcome.leftovers ? 'warning' : 'info',
    category: 'command',
    message: `${server.name} stopped${outcome.escalated ? ' (SIGKILL after SIGTERM was ignored)' : ''}`,
    data: { ...outcome },
  });
}

export function exited(server: McpServer, runId: string, end: RunEnd, context: CallContext, expectedCode = false): NewEvent {
  return about(server, context, {
    type: 'server.exited',
    severity: expectedCode ? 'info' : 'error',
    category: 'lifecycle',
    message: `${server.name}: ${end.message} after ${Math.round(end.uptimeMs / 1000)} s`,
    data: { runId, reason: end.reason, exitCode: end.code, signal: end.signal, uptimeMs: end.uptimeMs, lastStderr: end.lastStderr },
  });
}

export function restartScheduled(server: McpServer, delayMs: number, attempt: number, context: CallContext): NewEvent {
  return about(server, context, {
    type: 'server.restart_scheduled',
    severity: 'warning',
    category: 'lifecycle',
    message: `${server.name} restarts in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt})`,
    data: { delayMs, attempt },
  });
}

export function gaveUp(server: McpServer, reason: 'CRASH_LOOP' | 'START_RETRIES_EXHAUSTED', count: number, context: CallContext): NewEvent {
  return about(server, context, {
    type: reason === 'CRASH_LOOP' ? 'server.crash_loop' : 'server.start_retries_exhausted',
    severity: 'critical',
    category: 'lifecycle',
    message:
      reason === 'CRASH_LOOP'
        ? `${server.name} crashed ${count} times within 10 minutes; no more restarts until an operator acts`
        : `${server.name} failed to start ${count} times in a row; no more attempts until an operator acts`,
    data: { count },
  });
}

export function capabilitiesChanged(server: Pick<McpServer, 'id' | 'name'>, kind: string, count: number, context: CallContext): NewEvent {
  return about(server, context, {
    type: 'server.capabilities_changed',
    severity: 'info',
    category: 'lifecycle',
    message: `${server.name}: ${kind} list changed (${count})`,
    data: { kind, count },
  });
}
