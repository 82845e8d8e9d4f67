import { DomainError } from '@mcp-fleet/api/shared/errors';

/** Retryable: the server's owner changed under this command, or the owner does not answer. */
export function ownerUnavailable(serverId: string, why: string): DomainError {
  return new DomainError(
    'OWNER_UNAVAILABLE',
    `The replica that runs server ${serverId} is not available (${why}); try again shortly`,
    undefined,
    {
      'retry-after': '2',
    },
  );
}
