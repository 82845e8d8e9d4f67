import type { AuditedTarget, CallContext } from '@mcp-fleet/api/shared/authz';
import type { AuditResult } from '@mcp-fleet/shared/contracts';

import type { NewAuditEntry } from './new-records';

export interface AuditOutcome {
  result: AuditResult;
  statusCode: number | null;
  errorCode: string | null;
}

/** Methods that change something; only these are audited per request. */
export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditEntry(context: CallContext, action: string, target: AuditedTarget | null, outcome: AuditOutcome): NewAuditEntry {
  return {
    actor: context.actor,
    action,
    target,
    ip: context.ip,
    userAgent: context.userAgent,
    correlationId: context.correlationId,
    via: context.via === 'socket' || context.via === 'mcp' ? context.via : 'rest',
    ...outcome,
  };
}
