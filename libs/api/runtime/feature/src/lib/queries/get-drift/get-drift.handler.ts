import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { CatalogRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import type { DriftReport } from '@mcp-fleet/shared/contracts';

import { DriftControl } from '../../drift/drift-control';
import { GetDriftQuery } from './get-drift.query';

/** How a server's reported definitions differ from the approved ones, with both for a diff. */
@QueryHandler(GetDriftQuery)
export class GetDriftHandler implements IQueryHandler<GetDriftQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly drift: DriftControl,
  ) {}

  async execute({ serverId }: GetDriftQuery): Promise<DriftReport> {
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    return this.drift.report(server, await this.catalogs.find(serverId));
  }
}
