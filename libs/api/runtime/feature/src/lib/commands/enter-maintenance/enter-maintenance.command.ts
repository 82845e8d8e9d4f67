import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { CommandResult } from '@mcp-fleet/shared/contracts';

export class EnterMaintenanceCommand extends Command<CommandResult> {
  constructor(
    readonly serverId: string,
    readonly context: CallContext,
  ) {
    super();
  }
}
