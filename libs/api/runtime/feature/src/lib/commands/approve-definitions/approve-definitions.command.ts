import type { CallContext } from '@mcp-fleet/api/shared/authz';
import type { ApproveDefinitionsRequest } from '@mcp-fleet/shared/contracts';

export class ApproveDefinitionsCommand {
  constructor(
    readonly serverId: string,
    readonly request: ApproveDefinitionsRequest,
    readonly context: CallContext,
  ) {}
}
