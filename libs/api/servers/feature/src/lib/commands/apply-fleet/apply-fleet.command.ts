import { Command } from '@nestjs/cqrs';

import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { FleetApplyResponse } from '@mcp-fleet/shared/contracts';

export class ApplyFleetCommand extends Command<FleetApplyResponse> {
  constructor(
    /** The body as received: a parsed JSON object, or YAML text. */
    readonly body: unknown,
    readonly dryRun: boolean,
    readonly prune: boolean,
    readonly context: CallContext,
  ) {
    super();
  }
}
