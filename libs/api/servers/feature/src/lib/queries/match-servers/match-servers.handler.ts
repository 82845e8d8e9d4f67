import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { SELECTION_LIMITS, type ServerSelection } from '@mcp-fleet/shared/contracts';

import { toServerMatch } from '../../domain/server-match';
import { MatchServersQuery } from './match-servers.query';

@QueryHandler(MatchServersQuery)
export class MatchServersHandler implements IQueryHandler<MatchServersQuery> {
  constructor(private readonly servers: McpServerRepository) {}

  async execute({ filter, serverIds }: MatchServersQuery): Promise<ServerSelection> {
    const match = { ...toServerMatch(filter), ids: serverIds };
    const { items, total } = await this.servers.matching(match, SELECTION_LIMITS.maxServers);
    if (total > SELECTION_LIMITS.maxServers) {
      throw new DomainError(
        'TOO_MANY_MATCHES',
        `${total} servers match; one bulk operation takes at most ${SELECTION_LIMITS.maxServers}. Narrow the filter.`,
        { total, limit: SELECTION_LIMITS.maxServers },
      );
    }
    return { items, total };
  }
}
