import { Command } from '@nestjs/cqrs';

import type { UpstreamOptions } from '@mcp-fleet/api/runtime/data-access';
import type { CallToolResponse, ToolCallInput } from '@mcp-fleet/shared/contracts';

export class CallToolCommand extends Command<CallToolResponse> {
  constructor(
    readonly serverId: string,
    readonly tool: string,
    readonly args: Record<string, unknown>,
    /** The caller's abort signal and progress listener (reach the server where it runs on this replica). */
    readonly local: UpstreamOptions = {},
    /** The input an `input_required` answer asked for (2026-07-28), sent with the call again. */
    readonly input?: ToolCallInput,
  ) {
    super();
  }
}
