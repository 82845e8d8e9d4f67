import { Query } from '@nestjs/cqrs';

import type { Principal, ServerRevision } from '@mcp-fleet/shared/contracts';

export class GetRevisionQuery extends Query<ServerRevision> {
  constructor(
    readonly serverId: string,
    readonly revision: number,
    readonly reader: Principal,
  ) {
    super();
  }
}
