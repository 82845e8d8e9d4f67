import { DomainError } from '@mcp-fleet/api/shared/errors';

export { serverNotFound } from '@mcp-fleet/api/servers/data-access';

export const serverNameTaken = (name: string) =>
  new DomainError('SERVER_NAME_TAKEN', `A server named "${name}" already exists (names are case-insensitive)`, { name });

export const versionConflict = (id: string, expected: number, current: number) =>
  new DomainError(
    'VERSION_CONFLICT',
    `Server ${id} was changed by someone else (you sent version ${expected}, it is now ${current}); reload and retry`,
    { serverId: id, expectedVersion: expected, currentVersion: current },
  );

export const revisionNotFound = (serverId: string, revision: number) =>
  new DomainError('REVISION_NOT_FOUND', `Server ${serverId} has no revision ${revision}`, { serverId, revision });
