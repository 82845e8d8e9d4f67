import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';

export class DeleteServerCommand extends Command<void> {
  constructor(
    readonly serverId: string,
    readonly context: CallContext,
  ) {
    super();
  }
}
