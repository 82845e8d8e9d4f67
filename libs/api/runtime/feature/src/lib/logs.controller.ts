import { Readable } from 'node:stream';

import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

import { RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { ServerLogPage } from '@mcp-fleet/shared/contracts';

import { DownloadLogsQueryDto, GetLogsQueryDto } from './dto/get-logs.query.dto';
import { DownloadRunLogQuery, type RunLogFile } from './queries/download-run-log/download-run-log.query';
import { GetLogsQuery } from './queries/get-logs/get-logs.query';

@ApiTags('logs')
@Controller('mcp/servers/:id')
export class LogsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('logs')
  // Servers print what they handle (requests, paths, ids): the same bar as the event history.
  @RequirePermissions('mcp:view_events')
  @ApiOperation({ summary: 'stderr lines of a run (latest by default), oldest first; pass nextCursor back as `since` to read on' })
  @ApiOkResponse({ description: '{ serverId, runId, items: [{ seq, runId, lineNo, timestamp, line }], nextCursor, runs }' })
  logs(@Param('id', ParseIdPipe) id: string, @Query() query: GetLogsQueryDto): Promise<ServerLogPage> {
    return this.queries.execute(new GetLogsQuery(id, query));
  }

  @Get('logs/download')
  @RequirePermissions('mcp:view_events')
  @ApiOperation({ summary: 'The whole log of a run (latest by default) as a text file: `time stream[ level] line` per line' })
  @ApiProduces('text/plain')
  async download(@Param('id', ParseIdPipe) id: string, @Query() query: DownloadLogsQueryDto): Promise<StreamableFile> {
    const file: RunLogFile = await this.queries.execute(new DownloadRunLogQuery(id, query.runId));
    return new StreamableFile(Readable.from(file.lines), {
      type: 'text/plain; charset=utf-8',
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
