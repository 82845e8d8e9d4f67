import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository, type ServerListFilter } from '@mcp-fleet/api/servers/data-access';
import { SERVER_LIMITS, type ServerSortField } from '@mcp-fleet/shared/contracts';

import { toPublicServer } from '../../domain/public-server';
import { ListPageCache } from './list-page-cache';
import { ListServersQuery, type ListServersResult } from './list-servers.query';

@QueryHandler(ListServersQuery)
export class ListServersHandler implements IQueryHandler<ListServersQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly cache: ListPageCache,
  ) {}

  async execute({ params }: ListServersQuery): Promise<ListServersResult> {
    const sort = params.sort ?? 'name';
    const sortDescending = sort.startsWith('-');
    const filter: ServerListFilter = {
      page: params.page ?? 1,
      pageSize: params.pageSize ?? SERVER_LIMITS.defaultPageSize,
      status: params.status,
      type: params.type,
      transport: params.transport,
      tag: params.tag,
      enabled: params.enabled,
      search: params.search?.trim() || undefined,
      sortField: (sortDescending ? sort.slice(1) : sort) as ServerSortField,
      sortDescending,
    };
    const revision = await this.servers.revision();
    this.cache.observe(revision);
    const key = `${revision}|${JSON.stringify(filter)}`;
    const cached = this.cache.get(key);
    if (cached) {
      return cached;
    }
    const { items, total } = await this.servers.list(filter);
    const page = { items: items.map(toPublicServer), total, page: filter.page, pageSize: filter.pageSize };
    const result = { page, json: JSON.stringify(page) };
    this.cache.set(key, result);
    return result;
  }
}
