import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';

/** Which server went: the audit row names it after the row is gone. */
export interface DeletedServer {
  id: string;
  name: string;
}

export class DeleteServerCommand extends Command<DeletedServer> {
  constructor(
    readonly serverId: string,
    readonly context: CallContext,
  ) {
    super();
  }
}
