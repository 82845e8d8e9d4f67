import type { ServerMatch } from '@mcp-fleet/api/servers/data-access';
import type { ServerFilter } from '@mcp-fleet/shared/contracts';

/** A filter of the API (list or selection) as the repository takes it: a blank search is no search. */
export function toServerMatch(params: ServerFilter): ServerMatch {
  return {
    status: params.status,
    type: params.type,
    transport: params.transport,
    tag: params.tag,
    enabled: params.enabled,
    search: params.search?.trim() || undefined,
    drift: params.drift,
    maintenance: params.maintenance,
    health: params.health,
  };
}
