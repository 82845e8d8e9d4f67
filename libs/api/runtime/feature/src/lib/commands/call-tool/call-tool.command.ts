import { Command } from '@nestjs/cqrs';

import type { CallToolResponse } from '@mcp-fleet/shared/contracts';

export class CallToolCommand extends Command<CallToolResponse> {
  constructor(
    readonly serverId: string,
    readonly tool: string,
    readonly args: Record<string, unknown>,
  ) {
    super();
  }
}
