import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { UpdateServerRequest, UpdateServerResponse } from '@mcp-fleet/shared/contracts';

export class UpdateServerCommand extends Command<UpdateServerResponse> {
  constructor(
    readonly serverId: string,
    readonly request: UpdateServerRequest,
    readonly context: CallContext,
  ) {
    super();
  }
}
