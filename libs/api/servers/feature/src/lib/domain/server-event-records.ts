import type { NewEventOf } from '@mcp-fleet/api/events/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { EVENT_TYPES, type McpServer } from '@mcp-fleet/shared/contracts';

import type { FieldChange } from './server-diff';

/** The event-store rows for registry changes (category `config`); servers here are public (masked). */
export function serverRegisteredRecord(server: McpServer, context: CallContext): NewEventOf<'server.registered'> {
  return {
    type: EVENT_TYPES.serverRegistered,
    severity: 'info',
    serverId: server.id,
    serverName: server.name,
    message: `Server ${server.name} registered (${server.transport})`,
    data: { server },
    correlationId: context.correlationId,
    actor: context.actor,
  };
}

export function serverUpdatedRecord(
  server: McpServer,
  changes: FieldChange[],
  version: { from: number; to: number },
  context: CallContext,
  appliesAtNextStart: string[] = [],
  history: { revision?: number; restoredFrom?: number } = {},
): NewEventOf<'server.updated'> {
  const waiting = appliesAtNextStart.length > 0 ? ` (applies at next start: ${appliesAtNextStart.join(', ')})` : '';
  const verb = history.restoredFrom === undefined ? 'updated' : `restored to revision ${history.restoredFrom}`;
  return {
    type: EVENT_TYPES.serverUpdated,
    severity: 'info',
    serverId: server.id,
    serverName: server.name,
    message: `Server ${server.name} ${verb}: ${changes.map((c) => c.field).join(', ')}${waiting}`,
    data: { changes, version, ...(appliesAtNextStart.length > 0 ? { appliesAtNextStart } : {}), ...history },
    correlationId: context.correlationId,
    actor: context.actor,
  };
}

export function serverDeletedRecord(serverId: string, serverName: string, context: CallContext): NewEventOf<'server.deleted'> {
  return {
    type: EVENT_TYPES.serverDeleted,
    severity: 'info',
    serverId,
    serverName,
    message: `Server ${serverName} deleted`,
    data: {},
    correlationId: context.correlationId,
    actor: context.actor,
  };
}
