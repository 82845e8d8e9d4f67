import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequirePermissions } from '@mcp-fleet/api/shared/authz';
import type { AuditPage } from '@mcp-fleet/shared/contracts';

import { ListAuditQueryDto } from './dto/list-audit.query.dto';
import { ListAuditQuery } from './queries/list-audit/list-audit.query';

/** Read-only by design: there is no route that changes or deletes audit rows. */
@ApiTags('audit')
@Controller('mcp/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermissions('mcp:admin')
  @ApiOperation({ summary: 'Who did what, newest first' })
  @ApiOkResponse({ description: '{ items, total, page, pageSize, nextCursor }' })
  list(@Query() query: ListAuditQueryDto): Promise<AuditPage> {
    return this.queries.execute(new ListAuditQuery(query));
  }
}
