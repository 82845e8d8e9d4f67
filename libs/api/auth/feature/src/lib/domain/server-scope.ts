import { DomainError } from '@mcp-fleet/api/shared/errors';
import { type Principal, principalMayUse } from '@mcp-fleet/shared/contracts';

/*
 * An API token may be limited to some servers. Outside its scope a server does not exist for
 * it: the same 404 as for an id nobody registered, so the scope does not tell which ids exist.
 * A scope only narrows: a scoped token mints only tokens inside its scope, and may not create
 * or promote users or reset their passwords, since a user always sees every server.
 */

/** Routes of one server: `/api/mcp/servers/:id` and everything below it. */
const SERVER_ROUTE = /^\/api\/mcp\/servers\/:id(\/|$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same answer the servers domain gives for an unknown id (auth may not import it). */
export const serverOutOfScope = (id: string) => new DomainError('SERVER_NOT_FOUND', `Server ${id} does not exist`, { serverId: id });

/**
 * The server id of a one-server route the principal may not use, or null when the route is
 * not one server's or the server is in scope. `routeUrl` is the route's pattern (Fastify's
 * `routeOptions.url`), not the request path, so a static segment (`/bulk/...`) never counts.
 */
export function serverOutsideScope(principal: Pick<Principal, 'serverIds'>, routeUrl: string | undefined, params: unknown): string | null {
  if (principal.serverIds === undefined || routeUrl === undefined || !SERVER_ROUTE.test(routeUrl)) {
    return null;
  }
  const id = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)['id'] : undefined;
  if (typeof id !== 'string') {
    return null;
  }
  if (!UUID.test(id)) {
    return null; // no server has it: the id pipe answers 400 INVALID_ID, as it does for anyone
  }
  const normalised = id.toLowerCase(); // as the id pipe normalises it
  return principalMayUse(principal, normalised) ? null : normalised;
}

/**
 * The scope of a new token made by `creator`: the requested one, which a scoped creator must
 * give and keep within its own (FORBIDDEN otherwise, naming the ids beyond it).
 */
export function grantableScope(creator: Pick<Principal, 'serverIds'>, requested: readonly string[] | undefined): string[] | null {
  if (creator.serverIds === undefined) {
    return requested ? [...requested] : null;
  }
  if (!requested) {
    throw new DomainError('FORBIDDEN', 'A token limited to some servers can only create tokens limited to some of those servers', {
      allowedServerIds: [...creator.serverIds],
    });
  }
  const beyond = requested.filter((id) => !principalMayUse(creator, id));
  if (beyond.length > 0) {
    throw new DomainError('FORBIDDEN', `You can only grant servers your token may use; beyond it: ${beyond.join(', ')}`, {
      serverIds: beyond,
    });
  }
  return [...requested];
}

/** Refuses a scoped token what would hand out the whole fleet (users are never scoped). */
export function assertUnscoped(principal: Pick<Principal, 'serverIds'> | undefined, action: string): void {
  if (principal?.serverIds !== undefined) {
    throw new DomainError('FORBIDDEN', `A token limited to some servers cannot ${action}: a user sees every server`);
  }
}
