import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository, ServerRevisionsRepository } from '@mcp-fleet/api/servers/data-access';
import { REVISION_LIMITS, type ServerRevisionPage } from '@mcp-fleet/shared/contracts';

import { assertHistoryReadable } from '../history-access';
import { ListRevisionsQuery } from './list-revisions.query';

@QueryHandler(ListRevisionsQuery)
export class ListRevisionsHandler implements IQueryHandler<ListRevisionsQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly revisions: ServerRevisionsRepository,
  ) {}

  async execute({ serverId, params, reader }: ListRevisionsQuery): Promise<ServerRevisionPage> {
    await assertHistoryReadable(this.servers, this.revisions, serverId, reader);
    const page = params.page ?? 1;
    const pageSize = params.pageSize ?? REVISION_LIMITS.defaultPageSize;
    const { items, total } = await this.revisions.list(serverId, page, pageSize);
    return { items, total, page, pageSize };
  }
}
