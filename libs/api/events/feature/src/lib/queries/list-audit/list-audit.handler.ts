import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { AuditRepository } from '@mcp-fleet/api/events/data-access';
import { type AuditPage, EVENT_LIMITS } from '@mcp-fleet/shared/contracts';

import { cursorPage } from '../../domain/cursor-page';
import { checkRange } from '../../domain/event-filter';
import { ListAuditQuery } from './list-audit.query';

@QueryHandler(ListAuditQuery)
export class ListAuditHandler implements IQueryHandler<ListAuditQuery> {
  constructor(private readonly audit: AuditRepository) {}

  async execute({ params }: ListAuditQuery): Promise<AuditPage> {
    const from = params.from ? new Date(params.from) : undefined;
    const to = params.to ? new Date(params.to) : undefined;
    checkRange(from, to);
    const limit = params.limit ?? EVENT_LIMITS.defaultLimit;
    const offset = params.offset ?? 0;
    const { items, total } = await this.audit.page(
      {
        actor: params.actor,
        action: params.action,
        targetId: params.targetId,
        result: params.result,
        from,
        to,
        correlationId: params.correlationId,
      },
      limit,
      offset,
      params.beforeSeq,
    );
    return cursorPage(items, total, limit, offset);
  }
}
