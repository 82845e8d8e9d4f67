import { Query } from '@nestjs/cqrs';

import type { ResourceSubscriptionList } from '@mcp-fleet/shared/contracts';

export class ListResourceSubscriptionsQuery extends Query<ResourceSubscriptionList> {
  constructor(readonly serverId: string) {
    super();
  }
}
