import type { FieldChangeRecord } from './event-vocabulary';
import type { Actor } from './events';
import type { Page } from './page';
import type { McpServer, ServerConfig, UpdateServerResponse } from './server';

/** What made a revision: registration, an edit (PATCH) or a restore of an earlier revision. */
export const REVISION_ACTIONS = ['create', 'update', 'restore'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/** The part of a server a revision keeps: its registration, secrets as `{ secret: true }`. */
export type ServerRegistration = Pick<McpServer, 'name' | 'description' | 'type' | 'transport' | 'enabled' | 'tags'> & {
  config: ServerConfig;
};

/** One revision of a server's registration (`GET /api/mcp/servers/:id/revisions/:rev`). */
export interface ServerRevision {
  serverId: string;
  /** 1 for the registration, then one more per change of that server. */
  revision: number;
  action: RevisionAction;
  /** The revision a restore brought back; null otherwise. */
  restoredFrom: number | null;
  /** Who made the change: a user (email) or an API token (name). */
  actor: Actor;
  correlationId: string | null;
  createdAt: string;
  /** The whole registration after the change, secrets masked as the server endpoints mask them. */
  registration: ServerRegistration;
  /**
   * Every changed path with its old and new value (a registration lists every path it set, from
   * null). A secret shows as changed, `{ secret: true }` on both sides, never with its value.
   */
  changes: FieldChangeRecord[];
  /** When the server was deleted (its history stays readable by admins until retention); null while it exists. */
  serverDeletedAt: string | null;
}

/** `GET /api/mcp/servers/:id/revisions`: newest first. */
export type ServerRevisionPage = Page<ServerRevision>;

export interface ListRevisionsParams {
  page?: number;
  pageSize?: number;
}

export const REVISION_LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
} as const;

/** `POST /api/mcp/servers/:id/revisions/:rev/restore`. */
export interface RestoreRevisionRequest {
  /** The server version the client last saw; a stale one is refused with VERSION_CONFLICT. Optional. */
  version?: number;
}

/** The server after the restore, what waits for its next start, and the revision the restore made. */
export interface RestoreRevisionResponse extends UpdateServerResponse {
  /** The new revision; the current one when the server already equalled the restored revision. */
  revision: number;
}
