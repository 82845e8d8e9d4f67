import type { EventFilter } from '@mcp-fleet/api/events/data-access';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { type ListEventsParams, type Principal, RESTRICTED_EVENT_CATEGORIES } from '@mcp-fleet/shared/contracts';

/** Whether the principal may read security and audit events. */
export function seesRestrictedEvents(principal: Pick<Principal, 'permissions'>): boolean {
  return principal.permissions.includes('mcp:admin');
}

/**
 * The store filter for a reader: their filters, minus the categories they may not see and,
 * for a server-scoped API token, minus every event not about one of its servers.
 */
export function eventFilterFor(params: ListEventsParams, principal: Principal): EventFilter {
  const from = params.from ? new Date(params.from) : undefined;
  const to = params.to ? new Date(params.to) : undefined;
  checkRange(from, to);
  return {
    serverId: params.serverId,
    serverIds: principal.serverIds,
    types: params.type ? params.type.split(',') : undefined,
    severity: params.severity,
    minSeverity: params.minSeverity,
    category: params.category,
    excludeCategories: seesRestrictedEvents(principal) ? undefined : RESTRICTED_EVENT_CATEGORIES,
    from,
    to,
    search: params.search,
    actor: params.actor,
    correlationId: params.correlationId,
  };
}

export function checkRange(from: Date | undefined, to: Date | undefined): void {
  if (from && to && from.getTime() >= to.getTime()) {
    throw validationFailed([{ field: 'to', messages: ['to must be later than from'] }]);
  }
}
