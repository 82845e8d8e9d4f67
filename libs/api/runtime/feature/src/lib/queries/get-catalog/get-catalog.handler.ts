import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { CatalogRepository, ToolSwitchesRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import type { CatalogList } from '@mcp-fleet/shared/contracts';

import { GetCatalogQuery } from './get-catalog.query';

/** What the server reported on its last successful start (kept while it is stopped); tools with their switch. */
@QueryHandler(GetCatalogQuery)
export class GetCatalogHandler implements IQueryHandler<GetCatalogQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly switches: ToolSwitchesRepository,
  ) {}

  async execute({ serverId, kind }: GetCatalogQuery): Promise<CatalogList<Record<string, unknown>>> {
    if (!(await this.servers.findById(serverId))) {
      throw serverNotFound(serverId);
    }
    const catalog = await this.catalogs.find(serverId);
    const items = catalog?.[kind] ?? [];
    // Each tool says whether it is switched on (absent from the switches: on).
    const off = kind === 'tools' ? ((await this.switches.disabled(serverId)).get(serverId) ?? new Set<string>()) : undefined;
    return {
      serverId,
      protocolVersion: catalog?.protocolVersion ?? null,
      refreshedAt: catalog?.refreshedAt ?? null,
      items: off ? items.map((item) => ({ ...item, enabled: !off.has(String(item['name'])) })) : items,
    };
  }
}
