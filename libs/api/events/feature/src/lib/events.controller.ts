import { Readable } from 'node:stream';

import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { EventsRepository } from '@mcp-fleet/api/events/data-access';
import { CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { type EventPage, exportFileName, type Principal } from '@mcp-fleet/shared/contracts';

import { eventFilterFor } from './domain/event-filter';
import { ExportEventsQueryDto, ListEventsQueryDto } from './dto/list-events.query.dto';
import { EXPORT_CONTENT_TYPES, renderExport } from './export/event-export';
import { ListEventsQuery } from './queries/list-events/list-events.query';

@ApiTags('events')
@Controller('mcp/events')
export class EventsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly events: EventsRepository,
  ) {}

  @Get()
  @RequirePermissions('mcp:view_events')
  @ApiOperation({ summary: 'Event history, newest first; `afterSeq` pages forward, `beforeSeq` backward' })
  @ApiOkResponse({ description: '{ items, total, page, pageSize, nextCursor }' })
  list(@Query() query: ListEventsQueryDto, @CurrentPrincipal() reader: Principal): Promise<EventPage> {
    return this.queries.execute(new ListEventsQuery(query, reader));
  }

  @Get('export')
  @RequirePermissions('mcp:view_events')
  @ApiOperation({ summary: 'Every matching event, oldest first, streamed as CSV or NDJSON' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.ndjson)
  async export(@Query() query: ExportEventsQueryDto, @CurrentPrincipal() reader: Principal): Promise<StreamableFile> {
    const format = query.format ?? 'ndjson';
    const filter = eventFilterFor(query, reader);
    // Fixed at the start, so an export is a stable snapshot while new events keep arriving.
    const upToSeq = await this.events.lastSeq();
    return new StreamableFile(Readable.from(renderExport(format, this.events.stream(filter, upToSeq))), {
      type: EXPORT_CONTENT_TYPES[format],
      disposition: `attachment; filename="${exportFileName('events', format)}"`,
    });
  }
}
