import type { NewEventOf } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import {
  type CatalogKindName,
  type DriftItem,
  type DriftKind,
  EVENT_TYPES,
  type EventType,
  type FailureReason,
  type McpServer,
  type ServerState,
  type ToolPolicy,
} from '@mcp-fleet/shared/contracts';

import type { RunEnd, StopOutcome } from './run-end';

/** Event-store rows for the lifecycle; their categories come from the vocabulary in contracts. */

function about<T extends EventType>(
  server: Pick<McpServer, 'id' | 'name'>,
  context: CallContext,
  fields: Omit<NewEventOf<T>, 'serverId' | 'serverName' | 'actor' | 'correlationId'>,
): NewEventOf<T> {
  return { ...fields, serverId: server.id, serverName: server.name, actor: context.actor, correlationId: context.correlationId };
}

export function statusChanged(
  server: Pick<McpServer, 'id' | 'name'>,
  from: ServerState,
  to: ServerState,
  reason: string | null,
  context: CallContext,
): NewEventOf<'server.status_changed'> {
  return about(server, context, {
    type: EVENT_TYPES.serverStatusChanged,
    severity: to === 'error' ? 'error' : 'info',
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
): NewEventOf<'server.started'> {
  return about(server, context, {
    type: EVENT_TYPES.serverStarted,
    severity: 'info',
    message: `${server.name} started in ${details.ms} ms (protocol ${details.protocolVersion ?? 'unknown'}, ${details.tools} tools)`,
    data: details,
  });
}

export function startFailed(
  server: McpServer,
  reason: FailureReason,
  message: string,
  details: Record<string, unknown>,
  context: CallContext,
): NewEventOf<'server.start_failed'> {
  return about(server, context, {
    type: EVENT_TYPES.serverStartFailed,
    severity: 'error',
    message: `${server.name} failed to start: ${message}`,
    data: { reason, ...details },
  });
}

export function stopped(
  server: McpServer,
  outcome: StopOutcome & { runId: string; code: number | null; signal: string | null },
  context: CallContext,
): NewEventOf<'server.stopped'> {
  return about(server, context, {
    type: EVENT_TYPES.serverStopped,
    severity: outcome.escalated || outcome.leftovers ? 'warning' : 'info',
    message: `${server.name} stopped${outcome.escalated ? ' (SIGKILL after SIGTERM was ignored)' : ''}`,
    data: { ...outcome },
  });
}

export function exited(
  server: McpServer,
  runId: string,
  end: RunEnd,
  context: CallContext,
  expectedCode = false,
): NewEventOf<'server.exited'> {
  return about(server, context, {
    type: EVENT_TYPES.serverExited,
    severity: expectedCode ? 'info' : 'error',
    message: `${server.name}: ${end.message} after ${Math.round(end.uptimeMs / 1000)} s`,
    data: { runId, reason: end.reason, exitCode: end.code, signal: end.signal, uptimeMs: end.uptimeMs, lastStderr: end.lastStderr },
  });
}

/** A remote server's connection was lost while it ran; `end.message` says how. */
export function disconnected(server: McpServer, runId: string, end: RunEnd, context: CallContext): NewEventOf<'server.disconnected'> {
  return about(server, context, {
    type: EVENT_TYPES.serverDisconnected,
    severity: 'error',
    message: `${server.name}: disconnected after ${Math.round(end.uptimeMs / 1000)} s: ${end.message}`,
    data: { runId, reason: end.message, uptimeMs: end.uptimeMs },
  });
}

export function restartScheduled(
  server: McpServer,
  delayMs: number,
  attempt: number,
  context: CallContext,
): NewEventOf<'server.restart_scheduled'> {
  return about(server, context, {
    type: EVENT_TYPES.serverRestartScheduled,
    severity: 'warning',
    message: `${server.name} restarts in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt})`,
    data: { delayMs, attempt },
  });
}

export function gaveUp(
  server: McpServer,
  reason: 'CRASH_LOOP' | 'START_RETRIES_EXHAUSTED',
  count: number,
  context: CallContext,
): NewEventOf<'server.crash_loop' | 'server.start_retries_exhausted'> {
  return about(server, context, {
    type: reason === 'CRASH_LOOP' ? EVENT_TYPES.serverCrashLoop : EVENT_TYPES.serverStartRetriesExhausted,
    severity: 'critical',
    message:
      reason === 'CRASH_LOOP'
        ? `${server.name} crashed ${count} times within 10 minutes; no more restarts until an operator acts`
        : `${server.name} failed to start ${count} times in a row; no more attempts until an operator acts`,
    data: { count },
  });
}

export function capabilitiesChanged(
  server: Pick<McpServer, 'id' | 'name'>,
  kind: 'tools' | 'resources' | 'prompts',
  count: number,
  context: CallContext,
): NewEventOf<'server.capabilities_changed'> {
  return about(server, context, {
    type: EVENT_TYPES.serverCapabilitiesChanged,
    severity: 'info',
    message: `${server.name}: ${kind} list changed (${count})`,
    data: { kind, count },
  });
}

export function toolSwitched(
  server: Pick<McpServer, 'id' | 'name'>,
  tool: string,
  enabled: boolean,
  context: CallContext,
): NewEventOf<'server.tool_switched'> {
  return about(server, context, {
    type: EVENT_TYPES.serverToolSwitched,
    severity: 'info',
    message: `${server.name}: tool ${tool} switched ${enabled ? 'on' : 'off'}`,
    data: { tool, enabled },
  });
}

/** `updates` counts the notifications folded into this one event (see ResourceUpdates). */
export function resourceUpdated(
  server: Pick<McpServer, 'id' | 'name'>,
  uri: string,
  updates: number,
  context: CallContext,
): NewEventOf<'server.resource_updated'> {
  return about(server, context, {
    type: EVENT_TYPES.serverResourceUpdated,
    severity: 'info',
    message: `Resource ${uri} of ${server.name} changed${updates > 1 ? ` (${updates} updates)` : ''}`,
    data: { uri, updates },
  });
}

export function ownerChanged(
  server: Pick<McpServer, 'id' | 'name'>,
  data: { from: string | null; to: string; reason: 'placement' | 'takeover' | 'handover' },
  context: CallContext,
): NewEventOf<'server.owner_changed'> {
  const why = { placement: 'placed on', takeover: `taken over from ${data.from} by`, handover: `handed over from ${data.from} to` }[
    data.reason
  ];
  return about(server, context, {
    type: EVENT_TYPES.serverOwnerChanged,
    severity: data.reason === 'takeover' ? 'warning' : 'info',
    message: `${server.name}: ${why} ${data.to}`,
    data,
  });
}

export function driftDetected(
  server: Pick<McpServer, 'id' | 'name'>,
  policy: ToolPolicy,
  items: readonly DriftItem[],
  context: CallContext,
): NewEventOf<'tool.drift_detected'> {
  const names = items.map((item) => `${item.name} (${item.drift})`).join(', ');
  return about(server, context, {
    type: EVENT_TYPES.toolDriftDetected,
    severity: 'warning',
    message: `${server.name}: definitions differ from their approved ones: ${names}${policy === 'block' ? '; changed and new tools are blocked until approved' : ''}`,
    data: {
      policy,
      items: items.map(({ kind, name, drift, changedFields }) => ({ kind, name, drift, ...(changedFields ? { changedFields } : {}) })),
    },
  });
}

export function definitionsApproved(
  server: Pick<McpServer, 'id' | 'name'>,
  items: { kind: CatalogKindName; name: string; drift: DriftKind }[],
  context: CallContext,
): NewEventOf<'tool.approved'> {
  return about(server, context, {
    type: EVENT_TYPES.toolApproved,
    severity: 'info',
    message: `${server.name}: approved ${items.map((item) => item.name).join(', ')}`,
    data: { items },
  });
}
