import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { RestoreRevisionRequest, RestoreRevisionResponse } from '@mcp-fleet/shared/contracts';

export class RestoreRevisionCommand extends Command<RestoreRevisionResponse> {
  constructor(
    readonly serverId: string,
    readonly revision: number,
    readonly request: RestoreRevisionRequest,
    readonly context: CallContext,
  ) {
    super();
  }
}
