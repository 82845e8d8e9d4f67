import { Query } from '@nestjs/cqrs';

import type { McpServer } from '@mcp-fleet/shared/contracts';

export class GetServerQuery extends Query<McpServer> {
  constructor(readonly serverId: string) {
    super();
  }
}
