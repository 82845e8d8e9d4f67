import type { CallContext } from '@mcp-fleet/api/shared/authz';

export class SwitchToolCommand {
  constructor(
    readonly serverId: string,
    readonly tool: string,
    readonly enabled: boolean,
    readonly context: CallContext,
  ) {}
}
