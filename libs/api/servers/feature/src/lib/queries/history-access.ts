import type { McpServerRepository, ServerRevisionsRepository } from '@mcp-fleet/api/servers/data-access';
import type { Principal } from '@mcp-fleet/shared/contracts';

import { serverNotFound } from '../domain/server-errors';

/**
 * Whoever may read a server may read its history (the route's guard checked that). Once the
 * server is deleted, its history is an audit record: admins only. Anyone else gets the same 404
 * as for an id nobody registered, so it does not tell which servers once existed.
 */
export async function assertHistoryReadable(
  servers: McpServerRepository,
  revisions: ServerRevisionsRepository,
  serverId: string,
  reader: Principal,
): Promise<void> {
  if (await servers.findById(serverId)) {
    return;
  }
  if (!reader.permissions.includes('mcp:admin') || (await revisions.latestNumber(serverId)) === 0) {
    throw serverNotFound(serverId);
  }
}
