import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Audit, type CallContext, Caller, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe } from '@mcp-fleet/api/shared/errors';
import type { ApproveDefinitionsResponse, DriftReport } from '@mcp-fleet/shared/contracts';

import { ApproveDefinitionsCommand } from './commands/approve-definitions/approve-definitions.command';
import { ApproveDefinitionsDto } from './dto/approve-definitions.dto';
import { GetDriftQuery } from './queries/get-drift/get-drift.query';

/** Tool-drift control: what differs from the approved definitions, and approving it. */
@ApiTags('drift')
@Controller('mcp/servers/:id')
export class DriftController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('drift')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Tools, resources and prompts whose definitions differ from the approved ones' })
  drift(@Param('id', ParseIdPipe) id: string): Promise<DriftReport> {
    return this.queries.execute(new GetDriftQuery(id));
  }

  @Post('tools/approve')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.tools_approve', 'server')
  @ApiOperation({ summary: 'Approve the current definitions of drifted tools, resources or prompts' })
  approve(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ApproveDefinitionsDto,
    @Caller() caller: CallContext,
  ): Promise<ApproveDefinitionsResponse> {
    return this.commands.execute(new ApproveDefinitionsCommand(id, body, caller));
  }
}
