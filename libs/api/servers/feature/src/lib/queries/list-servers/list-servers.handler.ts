import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { SERVER_LIMITS, type McpServer, type Page, type ServerSortField } from '@mcp-fleet/shared/contracts';

import { toPublicServer } from '../../domain/public-server';
import { ListServersQuery } from './list-servers.query';

@QueryHandler(ListServersQuery)
export class ListServersHandler implements IQueryHandler<ListServersQuery> {
  constructor(private readonly servers: McpServerRepository) {}

  async execute({ params }: ListServersQuery): Promise<Page<McpServer>> {
    const page = params.page ?? 1;
    const pageSize = params.pageSize ?? SERVER_LIMITS.defaultPageSize;
    const sort = params.sort ?? 'name';
    const sortDescending = sort.startsWith('-');
    const { items, total } = await this.servers.list({
      page,
      pageSize,
      status: params.status,
      type: params.type,
      transport: params.transport,
      tag: params.tag,
      enabled: params.enabled,
      search: params.search?.trim() || undefined,
      sortField: (sortDescending ? sort.slice(1) : sort) as ServerSortField,
      sortDescending,
    });
    return { items: items.map(toPublicServer), total, page, pageSize };
  }
}
