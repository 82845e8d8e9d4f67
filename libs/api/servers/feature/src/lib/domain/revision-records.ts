import { type NewRevision, splitSealed } from '@mcp-fleet/api/servers/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { McpServer, RevisionAction, ServerConfig } from '@mcp-fleet/shared/contracts';

import { diffServers } from './server-diff';

/** The registry fields a revision keeps (everything an operator registers; nothing of the lifecycle). */
const BLANK = { name: null, description: null, type: null, transport: null, enabled: null, tags: null, config: {} };

/**
 * The revision a change of `after` makes, from the stored (sealed) servers: the registration
 * masked as responses show it, the sealed texts apart, and the changed paths (every path set,
 * from null, for a registration). Secrets show only as changed.
 */
export function revisionOf(
  before: McpServer | null,
  after: McpServer,
  action: RevisionAction,
  context: CallContext,
  restoredFrom: number | null = null,
): NewRevision {
  const { masked, sealed } = splitSealed(after.config);
  const previous = before ?? ({ ...after, ...BLANK, config: BLANK.config as ServerConfig } as unknown as McpServer);
  return {
    serverId: after.id,
    action,
    restoredFrom,
    actor: context.actor,
    correlationId: context.correlationId,
    registration: {
      name: after.name,
      description: after.description,
      type: after.type,
      transport: after.transport,
      enabled: after.enabled,
      tags: after.tags,
      config: masked,
    },
    sealedSecrets: sealed,
    changes: diffServers(previous, after),
  };
}
