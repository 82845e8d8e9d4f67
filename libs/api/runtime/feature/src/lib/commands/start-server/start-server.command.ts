import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { CommandResult } from '@mcp-fleet/shared/contracts';

export class StartServerCommand extends Command<CommandResult> {
  constructor(
    readonly serverId: string,
    readonly context: CallContext,
  ) {
    super();
  }
}
