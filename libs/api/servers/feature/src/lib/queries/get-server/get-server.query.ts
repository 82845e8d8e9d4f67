import { Query } from '@nestjs/cqrs';

import type { McpServerDetail } from '@mcp-fleet/shared/contracts';

export class GetServerQuery extends Query<McpServerDetail> {
  constructor(readonly serverId: string) {
    super();
  }
}
