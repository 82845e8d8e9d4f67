import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { BulkOperation, BulkOperationResponse } from '@mcp-fleet/shared/contracts';

export class BulkOperationCommand extends Command<BulkOperationResponse> {
  constructor(
    readonly operation: BulkOperation,
    readonly serverIds: string[],
    readonly context: CallContext,
    /** The caller's Idempotency-Key header, if any. */
    readonly idempotencyKey?: string,
    /** A server-scoped caller's servers (`Principal.serverIds`); absent means every server. */
    readonly scope?: readonly string[],
  ) {
    super();
  }
}
