import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { CatalogRepository, ResourceSubscriptionsRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import type { ResourceSubscriptionList } from '@mcp-fleet/shared/contracts';

import { supportsSubscribe } from '../../subscriptions/resource-updates';
import { ListResourceSubscriptionsQuery } from './list-resource-subscriptions.query';

@QueryHandler(ListResourceSubscriptionsQuery)
export class ListResourceSubscriptionsHandler implements IQueryHandler<ListResourceSubscriptionsQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly subscriptions: ResourceSubscriptionsRepository,
  ) {}

  async execute({ serverId }: ListResourceSubscriptionsQuery): Promise<ResourceSubscriptionList> {
    if (!(await this.servers.findById(serverId))) {
      throw serverNotFound(serverId);
    }
    const catalog = await this.catalogs.find(serverId);
    return {
      serverId,
      supported: catalog ? supportsSubscribe(catalog.capabilities) : false,
      items: await this.subscriptions.list(serverId),
    };
  }
}
