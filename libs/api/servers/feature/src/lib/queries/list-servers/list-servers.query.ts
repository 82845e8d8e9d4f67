import { Query } from '@nestjs/cqrs';

import type { ListServersParams } from '@mcp-fleet/shared/contracts';

/** A page of servers (`Page<McpServer>`) as JSON text: dashboards poll the same pages over and over. */
export interface ListServersResult {
  json: string;
}

export class ListServersQuery extends Query<ListServersResult> {
  constructor(
    readonly params: ListServersParams,
    /** A server-scoped reader's servers (`Principal.serverIds`); absent means every server. */
    readonly serverIds?: readonly string[],
  ) {
    super();
  }
}
