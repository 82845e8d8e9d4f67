import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { McpServerDetail } from '@mcp-fleet/shared/contracts';

import { withPendingRestart } from '../../domain/pending-restart';
import { toPublicServer } from '../../domain/public-server';
import { serverNotFound } from '../../domain/server-errors';
import { GetServerQuery } from './get-server.query';

@QueryHandler(GetServerQuery)
export class GetServerHandler implements IQueryHandler<GetServerQuery> {
  constructor(private readonly servers: McpServerRepository) {}

  async execute({ serverId }: GetServerQuery): Promise<McpServerDetail> {
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    const [owner, launch] = await Promise.all([this.servers.ownerOf(serverId), this.servers.launchOf(serverId)]);
    return { ...toPublicServer(withPendingRestart(server, launch)), owner };
  }
}
