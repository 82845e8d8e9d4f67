import type { Actor, AuditResult, EventDataMap, EventSeverity, EventType } from '@mcp-fleet/shared/contracts';

/** An event of one type, its data shaped as the vocabulary says. */
export interface NewEventOf<T extends EventType> {
  type: T;
  severity: EventSeverity;
  message: string;
  serverId?: string | null;
  serverName?: string | null;
  data: EventDataMap[T];
  correlationId?: string | null;
  actor: Actor;
}

/**
 * What a caller records: any type of the vocabulary (EVENT_VOCABULARY in contracts) with its
 * data. The store adds seq, id, timestamp and instance, and the category the vocabulary gives.
 */
export type NewEvent = { [T in EventType]: NewEventOf<T> }[EventType];

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
  via: 'rest' | 'socket' | 'mcp';
  /** How long the action took (gateway calls), in ms. */
  durationMs?: number;
}

/** A record with the fields the store fills in before writing. */
export interface Stamped<T> {
  id: string;
  timestamp: string;
  instanceId: string;
  record: T;
}
