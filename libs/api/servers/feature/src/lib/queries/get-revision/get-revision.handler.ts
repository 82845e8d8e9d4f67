import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository, ServerRevisionsRepository } from '@mcp-fleet/api/servers/data-access';
import type { ServerRevision } from '@mcp-fleet/shared/contracts';

import { revisionNotFound } from '../../domain/server-errors';
import { assertHistoryReadable } from '../history-access';
import { GetRevisionQuery } from './get-revision.query';

@QueryHandler(GetRevisionQuery)
export class GetRevisionHandler implements IQueryHandler<GetRevisionQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly revisions: ServerRevisionsRepository,
  ) {}

  async execute({ serverId, revision, reader }: GetRevisionQuery): Promise<ServerRevision> {
    await assertHistoryReadable(this.servers, this.revisions, serverId, reader);
    const found = await this.revisions.find(serverId, revision);
    if (!found) {
      throw revisionNotFound(serverId, revision);
    }
    return found;
  }
}
