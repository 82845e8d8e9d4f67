import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { McpServer, RegisterServerRequest } from '@mcp-fleet/shared/contracts';

export class RegisterServerCommand extends Command<McpServer> {
  constructor(
    readonly request: RegisterServerRequest,
    readonly context: CallContext,
  ) {
    super();
  }
}
