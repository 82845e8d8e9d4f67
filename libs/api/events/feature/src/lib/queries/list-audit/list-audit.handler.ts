import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { AuditRepository } from '@mcp-fleet/api/events/data-access';
import { type AuditPage, EVENT_LIMITS } from '@mcp-fleet/shared/contracts';

import { auditFilterFor } from '../../domain/audit-filter';
import { cursorPage } from '../../domain/cursor-page';
import { ListAuditQuery } from './list-audit.query';

@QueryHandler(ListAuditQuery)
export class ListAuditHandler implements IQueryHandler<ListAuditQuery> {
  constructor(private readonly audit: AuditRepository) {}

  async execute({ params, reader }: ListAuditQuery): Promise<AuditPage> {
    const limit = params.limit ?? EVENT_LIMITS.defaultLimit;
    const offset = params.offset ?? 0;
    const { items, total } = await this.audit.page(auditFilterFor(params, reader), limit, offset, params.beforeSeq);
    return cursorPage(items, total, limit, offset);
  }
}
