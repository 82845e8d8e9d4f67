import { Query } from '@nestjs/cqrs';

import type { ListServersParams, McpServer, Page } from '@mcp-fleet/shared/contracts';

export class ListServersQuery extends Query<Page<McpServer>> {
  constructor(readonly params: ListServersParams) {
    super();
  }
}
