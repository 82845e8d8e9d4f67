import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { ResourceSubscription } from '@mcp-fleet/shared/contracts';

export class SubscribeResourceCommand extends Command<ResourceSubscription> {
  constructor(
    readonly serverId: string,
    readonly uri: string,
    readonly context: CallContext,
  ) {
    super();
  }
}
