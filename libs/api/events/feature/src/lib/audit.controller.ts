import { Readable } from 'node:stream';

import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { AuditRepository } from '@mcp-fleet/api/events/data-access';
import { CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { type AuditPage, exportFileName, type Principal } from '@mcp-fleet/shared/contracts';

import { auditFilterFor } from './domain/audit-filter';
import { ExportAuditQueryDto, ListAuditQueryDto } from './dto/list-audit.query.dto';
import { EXPORT_CONTENT_TYPES, renderAuditExport } from './export/event-export';
import { ListAuditQuery } from './queries/list-audit/list-audit.query';

/** Read-only by design: there is no route that changes or deletes audit rows. */
@ApiTags('audit')
@Controller('mcp/audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly audit: AuditRepository,
  ) {}

  @Get()
  @RequirePermissions('mcp:admin')
  @ApiOperation({ summary: 'Who did what, newest first' })
  @ApiOkResponse({ description: '{ items, total, page, pageSize, nextCursor }' })
  list(@Query() query: ListAuditQueryDto, @CurrentPrincipal() reader: Principal): Promise<AuditPage> {
    return this.queries.execute(new ListAuditQuery(query, reader));
  }

  @Get('export')
  @RequirePermissions('mcp:admin')
  @ApiOperation({ summary: 'Every matching audit entry, oldest first, streamed as CSV or NDJSON' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.ndjson)
  async export(@Query() query: ExportAuditQueryDto, @CurrentPrincipal() reader: Principal): Promise<StreamableFile> {
    const format = query.format ?? 'ndjson';
    const filter = auditFilterFor(query, reader);
    // Fixed at the start, so an export is a stable snapshot while new entries keep arriving.
    const upToSeq = await this.audit.lastSeq();
    return new StreamableFile(Readable.from(renderAuditExport(format, this.audit.stream(filter, upToSeq))), {
      type: EXPORT_CONTENT_TYPES[format],
      disposition: `attachment; filename="${exportFileName('audit', format)}"`,
    });
  }
}
