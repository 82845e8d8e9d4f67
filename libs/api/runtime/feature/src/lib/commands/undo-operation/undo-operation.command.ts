import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { Principal, UndoOperationResponse } from '@mcp-fleet/shared/contracts';

export class UndoOperationCommand extends Command<UndoOperationResponse> {
  constructor(
    readonly operationId: string,
    readonly context: CallContext,
    /** What the caller may do (an undo of several servers is a bulk operation) and on which servers. */
    readonly principal: Pick<Principal, 'permissions' | 'serverIds'>,
  ) {
    super();
  }
}
