import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';

import { CatalogRepository, McpUpstream, ResourceSubscriptionsRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { RESOURCE_SUBSCRIPTION_LIMITS, type ResourceSubscription } from '@mcp-fleet/shared/contracts';

import { supportsSubscribe } from '../../subscriptions/resource-updates';
import { resourceReadFailure } from '../../upstream/mcp-feature-errors';
import { SubscribeResourceCommand } from './subscribe-resource.command';

/**
 * Keeps a subscription to one resource of a server: stored (renewed at every start), and sent
 * to the server now when it runs. A server that refuses it (no such resource) leaves nothing
 * stored. Refused up front when the server's last start announced no `resources.subscribe`.
 */
@CommandHandler(SubscribeResourceCommand)
export class SubscribeResourceHandler implements ICommandHandler<SubscribeResourceCommand> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly subscriptions: ResourceSubscriptionsRepository,
    private readonly upstream: McpUpstream,
  ) {}

  async execute({ serverId, uri, context }: SubscribeResourceCommand): Promise<ResourceSubscription> {
    const server = await this.servers.findById(serverId);
    if (!server) {
      throw serverNotFound(serverId);
    }
    const catalog = await this.catalogs.find(serverId);
    if (catalog && !supportsSubscribe(catalog.capabilities)) {
      throw new DomainError('RESOURCE_SUBSCRIBE_UNSUPPORTED', `${server.name} does not offer resource subscriptions`, { serverId });
    }
    const max = RESOURCE_SUBSCRIPTION_LIMITS.maxPerServer;
    const { added, full } = await this.subscriptions.add(serverId, uri, context.actor.name.slice(0, 320), max);
    if (full) {
      throw new DomainError('RESOURCE_SUBSCRIPTION_LIMIT', `${server.name} has ${max} resource subscriptions already`, { serverId, max });
    }
    if (added && server.state === 'running') {
      try {
        await this.upstream.request(serverId, { method: 'resources/subscribe', params: { uri } });
      } catch (error) {
        await this.subscriptions.remove(serverId, uri);
        throw resourceReadFailure(error, uri);
      }
    }
    const stored = (await this.subscriptions.list(serverId)).find((item) => item.uri === uri);
    return stored ?? { uri, createdAt: new Date().toISOString() };
  }
}
