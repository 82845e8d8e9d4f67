import type { AuditFilter } from '@mcp-fleet/api/events/data-access';
import type { ListAuditParams, Principal } from '@mcp-fleet/shared/contracts';

import { checkRange } from './event-filter';

/**
 * The audit filter of a list or an export request; a `from` not before `to` is refused. A
 * reader limited to some servers (a scoped API token) sees only the entries about those.
 */
export function auditFilterFor(params: Omit<ListAuditParams, 'limit' | 'offset' | 'beforeSeq'>, reader: Principal): AuditFilter {
  const from = params.from ? new Date(params.from) : undefined;
  const to = params.to ? new Date(params.to) : undefined;
  checkRange(from, to);
  return {
    actor: params.actor,
    action: params.action,
    targetId: params.targetId,
    serverIds: reader.serverIds,
    result: params.result,
    from,
    to,
    correlationId: params.correlationId,
  };
}
