import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { McpServerDetail } from '@mcp-fleet/shared/contracts';

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
    return { ...toPublicServer(server), owner: await this.servers.ownerOf(serverId) };
  }
}
