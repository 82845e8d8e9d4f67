import type { Actor, AuditResult, EventCategory, EventSeverity } from '@mcp-fleet/shared/contracts';

/** What a caller records; the store adds seq, id, timestamp and instance. */
export interface NewEvent {
  type: string;
  severity: EventSeverity;
  category: EventCategory;
  message: string;
  serverId?: string | null;
  serverName?: string | null;
  data?: Record<string, unknown>;
  correlationId?: string | null;
  actor: Actor;
}

export interface NewAuditEntry {
  actor: Actor;
  action: string;
  target: { type: string; id: string | null; name: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  result: AuditResult;
  statusCode: number | null;
  errorCode: string | null;
  correlationId: string | null;
  via: 'rest' | 'socket';
}

/** A record with the fields the store fills in before writing. */
export interface Stamped<T> {
  id: string;
  timestamp: string;
  instanceId: string;
  record: T;
}
