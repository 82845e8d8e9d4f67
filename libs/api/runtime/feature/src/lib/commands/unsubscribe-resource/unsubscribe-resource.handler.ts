import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { McpUpstream, ResourceSubscriptionsRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';

import { UnsubscribeResourceCommand } from './unsubscribe-resource.command';

/** Drops a subscription (idempotent); a running server is told, and its answer does not matter. */
@CommandHandler(UnsubscribeResourceCommand)
export class UnsubscribeResourceHandler implements ICommandHandler<UnsubscribeResourceCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly subscriptions: ResourceSubscriptionsRepository,
    private readonly upstream: McpUpstream,
  ) {}

  async execute({ serverId, uri }: UnsubscribeResourceCommand): Promise<void> {
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    if ((await this.subscriptions.remove(serverId, uri)) && server.state === 'running') {
      await this.upstream.request(serverId, { method: 'resources/unsubscribe', params: { uri } }).catch(() => undefined);
    }
  }
}
