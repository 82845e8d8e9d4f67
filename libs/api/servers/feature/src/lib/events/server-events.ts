import type { McpServer } from '@mcp-fleet/shared/contracts';

/* Published on the EventBus after the change is committed. */

export class ServerRegisteredEvent {
  constructor(readonly server: McpServer) {}
}

export class ServerUpdatedEvent {
  constructor(
    readonly before: McpServer,
    readonly after: McpServer,
    readonly changedFields: string[],
  ) {}
}

export class ServerDeletedEvent {
  constructor(readonly serverId: string) {}
}
