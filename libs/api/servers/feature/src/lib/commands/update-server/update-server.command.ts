import { Command } from '@nestjs/cqrs';

import type { McpServer, UpdateServerRequest } from '@mcp-fleet/shared/contracts';

export class UpdateServerCommand extends Command<McpServer> {
  constructor(
    readonly serverId: string,
    readonly request: UpdateServerRequest,
  ) {
    super();
  }
}
