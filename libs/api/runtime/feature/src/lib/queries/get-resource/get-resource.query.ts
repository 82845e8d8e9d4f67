import { Query } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { ReadResourceResponse } from '@mcp-fleet/shared/contracts';

/** `resources/read` on a running server; `signal` cancels it upstream when the caller goes away. */
export class GetResourceQuery extends Query<ReadResourceResponse> {
  constructor(
    readonly serverId: string,
    readonly uri: string,
    readonly context: CallContext,
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
