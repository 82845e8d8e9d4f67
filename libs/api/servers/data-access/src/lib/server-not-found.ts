import { DomainError } from '@mcp-fleet/api/shared/errors';

/** The one answer for an unknown server id, whichever feature is asked. */
export const serverNotFound = (id: string) => new DomainError('SERVER_NOT_FOUND', `Server ${id} does not exist`, { serverId: id });
