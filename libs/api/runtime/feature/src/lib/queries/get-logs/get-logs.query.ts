import { Query } from '@nestjs/cqrs';

import type { ServerLogPage, ServerLogParams } from '@mcp-fleet/shared/contracts';

export class GetLogsQuery extends Query<ServerLogPage> {
  constructor(
    readonly serverId: string,
    readonly params: ServerLogParams,
  ) {
    super();
  }
}
