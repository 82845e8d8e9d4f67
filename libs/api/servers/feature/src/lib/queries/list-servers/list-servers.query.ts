import { Query } from '@nestjs/cqrs';

import type { ListServersParams, McpServer, Page } from '@mcp-fleet/shared/contracts';

/** A page, with its JSON already rendered: dashboards poll the same pages over and over. */
export interface ListServersResult {
  page: Page<McpServer>;
  json: string;
}

export class ListServersQuery extends Query<ListServersResult> {
  constructor(readonly params: ListServersParams) {
    super();
  }
}
