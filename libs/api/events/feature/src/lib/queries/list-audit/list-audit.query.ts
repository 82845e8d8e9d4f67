import { Query } from '@nestjs/cqrs';

import type { AuditPage, ListAuditParams, Principal } from '@mcp-fleet/shared/contracts';

export class ListAuditQuery extends Query<AuditPage> {
  constructor(
    readonly params: ListAuditParams,
    readonly reader: Principal,
  ) {
    super();
  }
}
