import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type CallContext, Caller, CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { Principal, RestoreRevisionResponse, ServerRevision, ServerRevisionPage } from '@mcp-fleet/shared/contracts';

import { RestoreRevisionCommand } from './commands/restore-revision/restore-revision.command';
import { ParseRevisionPipe } from './dto/parse-revision.pipe';
import { RestoreRevisionResponseDto, ServerRevisionDto, ServerRevisionPageDto } from './dto/revision.response.dto';
import { ListRevisionsQueryDto, RestoreRevisionDto } from './dto/revisions.request.dto';
import { ApiErrorDto } from './dto/server.response.dto';
import { GetRevisionQuery } from './queries/get-revision/get-revision.query';
import { ListRevisionsQuery } from './queries/list-revisions/list-revisions.query';

/** A server's configuration history and its undo. A deleted server's history is for admins only. */
@ApiTags('servers')
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED or INVALID_ID' })
@ApiNotFoundResponse({ type: ApiErrorDto, description: 'SERVER_NOT_FOUND or REVISION_NOT_FOUND' })
@Controller('mcp/servers/:id/revisions')
export class RevisionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: "A server's revisions, newest first" })
  @ApiOkResponse({ type: ServerRevisionPageDto })
  list(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ListRevisionsQueryDto,
    @CurrentPrincipal() reader: Principal,
  ): Promise<ServerRevisionPage> {
    return this.queries.execute(new ListRevisionsQuery(id, query, reader));
  }

  @Get(':rev')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'One revision: the registration (secrets masked) and what changed' })
  @ApiOkResponse({ type: ServerRevisionDto })
  get(
    @Param('id', ParseIdPipe) id: string,
    @Param('rev', ParseRevisionPipe) rev: number,
    @CurrentPrincipal() reader: Principal,
  ): Promise<ServerRevision> {
    return this.queries.execute(new GetRevisionQuery(id, rev, reader));
  }

  @Post(':rev/restore')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.restore', 'server')
  @ApiOperation({ summary: 'Make a new revision equal to this one, secrets included (the undo of a change)' })
  @ApiOkResponse({ type: RestoreRevisionResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'SERVER_NAME_TAKEN or VERSION_CONFLICT' })
  restore(
    @Param('id', ParseIdPipe) id: string,
    @Param('rev', ParseRevisionPipe) rev: number,
    @Body() body: RestoreRevisionDto,
    @Caller() caller: CallContext,
  ): Promise<RestoreRevisionResponse> {
    return this.commands.execute(new RestoreRevisionCommand(id, rev, body ?? {}, caller));
  }
}
