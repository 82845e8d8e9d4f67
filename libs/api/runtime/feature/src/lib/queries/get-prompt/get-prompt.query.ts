import { Query } from '@nestjs/cqrs';

import type { GetPromptResponse } from '@mcp-fleet/shared/contracts';

/** `prompts/get` on a running server; `signal` cancels it upstream when the caller goes away. */
export class GetPromptQuery extends Query<GetPromptResponse> {
  constructor(
    readonly serverId: string,
    readonly name: string,
    readonly args: Record<string, string>,
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
