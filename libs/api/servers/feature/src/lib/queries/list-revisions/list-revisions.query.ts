import { Query } from '@nestjs/cqrs';

import type { ListRevisionsParams, Principal, ServerRevisionPage } from '@mcp-fleet/shared/contracts';

export class ListRevisionsQuery extends Query<ServerRevisionPage> {
  constructor(
    readonly serverId: string,
    readonly params: ListRevisionsParams,
    readonly reader: Principal,
  ) {
    super();
  }
}
