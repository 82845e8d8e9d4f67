import { Command } from '@nestjs/cqrs';

import type { McpServer, RegisterServerRequest } from '@mcp-fleet/shared/contracts';

export class RegisterServerCommand extends Command<McpServer> {
  constructor(readonly request: RegisterServerRequest) {
    super();
  }
}
