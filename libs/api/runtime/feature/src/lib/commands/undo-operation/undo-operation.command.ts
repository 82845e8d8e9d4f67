import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { UndoOperationResponse } from '@mcp-fleet/shared/contracts';

export class UndoOperationCommand extends Command<UndoOperationResponse> {
  constructor(
    readonly operationId: string,
    readonly context: CallContext,
    /** A server-scoped caller's servers (`Principal.serverIds`); absent means every server. */
    readonly scope?: readonly string[],
  ) {
    super();
  }
}
