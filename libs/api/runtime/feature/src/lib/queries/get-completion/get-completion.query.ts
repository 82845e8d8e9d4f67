import { Query } from '@nestjs/cqrs';

import type { CompleteRequest, CompleteResponse } from '@mcp-fleet/shared/contracts';

/** `completion/complete` on a running server; `signal` cancels it upstream when the caller goes away. */
export class GetCompletionQuery extends Query<CompleteResponse> {
  constructor(
    readonly serverId: string,
    readonly request: CompleteRequest,
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
