import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { UpstreamProgress } from '@mcp-fleet/api/runtime/data-access';
import { Audit, type CallContext, Caller, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import { ParseIdPipe, toErrorResponse, validationFailed } from '@mcp-fleet/api/shared/errors';
import type {
  CallToolResponse,
  CatalogList,
  CommandResult,
  HealthCheckResult,
  MetricHistory,
  ToolCallInput,
  ToolSwitch,
} from '@mcp-fleet/shared/contracts';

import { CallToolCommand } from './commands/call-tool/call-tool.command';
import { CheckHealthCommand } from './commands/check-health/check-health.command';
import { EnterMaintenanceCommand } from './commands/enter-maintenance/enter-maintenance.command';
import { ExitMaintenanceCommand } from './commands/exit-maintenance/exit-maintenance.command';
import { RestartServerCommand } from './commands/restart-server/restart-server.command';
import { StartServerCommand } from './commands/start-server/start-server.command';
import { StopServerCommand } from './commands/stop-server/stop-server.command';
import { SwitchToolCommand } from './commands/switch-tool/switch-tool.command';
import { CallToolDto } from './dto/call-tool.dto';
import { MetricsHistoryQueryDto } from './dto/metrics-history.query.dto';
import { UpdateToolDto } from './dto/update-tool.dto';
import { GetCatalogQuery } from './queries/get-catalog/get-catalog.query';
import { GetMetricsHistoryQuery } from './queries/get-metrics-history/get-metrics-history.query';
import { clientGone } from './upstream/client-gone';
import { EventStreamAnswer, wantsEventStream } from './upstream/event-stream-answer';
import { toolInputFailure } from './upstream/mcp-feature-errors';

const TOOL_NAME = /^[A-Za-z0-9_./:-]{1,128}$/;

/** Lifecycle commands answer 200 with a command result; `success: false` says the server failed. */
@ApiTags('lifecycle')
@Controller('mcp/servers/:id')
export class RuntimeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('start')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.start', 'server', { target: ({ params, result }) => commandTarget(params, result) })
  @ApiOperation({ summary: 'Start a server and wait for its handshake' })
  @ApiOkResponse({ description: 'CommandResult' })
  start(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<CommandResult> {
    return this.commands.execute(new StartServerCommand(id, caller));
  }

  @Post('stop')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.stop', 'server', { target: ({ params, result }) => commandTarget(params, result) })
  @ApiOperation({ summary: 'Stop a server (stdin EOF, SIGTERM, then SIGKILL after killTimeoutMs)' })
  stop(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<CommandResult> {
    return this.commands.execute(new StopServerCommand(id, caller));
  }

  @Post('restart')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.restart', 'server', { target: ({ params, result }) => commandTarget(params, result) })
  @ApiOperation({ summary: 'Stop (if running) and start a server' })
  restart(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<CommandResult> {
    return this.commands.execute(new RestartServerCommand(id, caller));
  }

  @Post('maintenance')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.enter_maintenance', 'server', { target: ({ params, result }) => commandTarget(params, result) })
  @ApiOperation({ summary: 'Enter maintenance: stopped, and not restarted or resumed until maintenance ends' })
  enterMaintenance(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<CommandResult> {
    return this.commands.execute(new EnterMaintenanceCommand(id, caller));
  }

  @Post('maintenance/exit')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.exit_maintenance', 'server', { target: ({ params, result }) => commandTarget(params, result) })
  @ApiOperation({ summary: 'End maintenance (the server is stopped afterwards)' })
  exitMaintenance(@Param('id', ParseIdPipe) id: string, @Caller() caller: CallContext): Promise<CommandResult> {
    return this.commands.execute(new ExitMaintenanceCommand(id, caller));
  }

  @Post('health-check')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.health_check', 'server')
  @ApiOperation({ summary: 'Probe a running server now; answers the verdict (a failure counts towards the threshold)' })
  checkHealth(@Param('id', ParseIdPipe) id: string): Promise<HealthCheckResult> {
    return this.commands.execute(new CheckHealthCommand(id));
  }

  @Get('metrics/history')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Probe latency, CPU, memory and tool calls over time, in buckets of `step` seconds' })
  metricsHistory(@Param('id', ParseIdPipe) id: string, @Query() query: MetricsHistoryQueryDto): Promise<MetricHistory> {
    return this.queries.execute(new GetMetricsHistoryQuery(id, query.from, query.to, query.step));
  }

  @Get('tools')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Tools the server reported on its last start (refreshed on list_changed)' })
  tools(@Param('id', ParseIdPipe) id: string): Promise<CatalogList<Record<string, unknown>>> {
    return this.queries.execute(new GetCatalogQuery(id, 'tools'));
  }

  @Get('resources')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Resources the server reported' })
  resources(@Param('id', ParseIdPipe) id: string): Promise<CatalogList<Record<string, unknown>>> {
    return this.queries.execute(new GetCatalogQuery(id, 'resources'));
  }

  @Get('prompts')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Prompts the server reported' })
  prompts(@Param('id', ParseIdPipe) id: string): Promise<CatalogList<Record<string, unknown>>> {
    return this.queries.execute(new GetCatalogQuery(id, 'prompts'));
  }

  @Patch('tools/:tool')
  @RequirePermissions('mcp:configure_servers')
  @Audit('server.tool_switch', 'server', {
    target: ({ params }) => ({ type: 'server', id: params['id'] ?? null, name: params['tool'] ?? null }),
  })
  @ApiOperation({ summary: 'Switch a tool off (hidden from every MCP client, calls refused) or on' })
  switchTool(
    @Param('id', ParseIdPipe) id: string,
    @Param('tool') tool: string,
    @Body() body: UpdateToolDto,
    @Caller() caller: CallContext,
  ): Promise<ToolSwitch> {
    checkToolName(tool);
    return this.commands.execute(new SwitchToolCommand(id, tool, body.enabled, caller));
  }

  @Post('tools/:tool/call')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:manage_servers')
  @Audit('server.tool_call', 'server', {
    target: ({ params }) => ({ type: 'server', id: params['id'] ?? null, name: params['tool'] ?? null }),
    batched: true,
  })
  @ApiOperation({ summary: 'Call a tool on a running server; answers with the MCP tool result' })
  async callTool(
    @Param('id', ParseIdPipe) id: string,
    @Param('tool') tool: string,
    @Body() body: CallToolDto,
    @Req() request: FastifyRequest,
    // Sent by hand: as JSON, or as server-sent events (progress, then the result) when asked.
    @Res() reply: FastifyReply,
  ): Promise<CallToolResponse> {
    checkToolName(tool);
    // A client that hangs up cancels the call on the server (where it runs on this replica).
    const signal = clientGone(reply.raw);
    if (!wantsEventStream(request)) {
      const input = inputOf(body);
      const answer = await this.commands
        .execute<CallToolCommand, CallToolResponse>(new CallToolCommand(id, tool, body.arguments ?? {}, { signal }, input))
        .catch((error: unknown) => {
          throw toolInputFailure(error, input !== undefined);
        });
      void reply.status(HttpStatus.OK).send(answer);
      return answer;
    }
    const stream = new EventStreamAnswer(reply);
    try {
      const onProgress = (progress: UpstreamProgress) => stream.send('progress', progress);
      const answer = await this.commands.execute<CallToolCommand, CallToolResponse>(
        new CallToolCommand(id, tool, body.arguments ?? {}, { signal, onProgress }, inputOf(body)),
      );
      stream.end('result', answer);
      return answer;
    } catch (caught) {
      const error = toolInputFailure(caught, inputOf(body) !== undefined);
      stream.end('error', toErrorResponse(error, request.id).body);
      throw error; // for the audit; the answer is sent already
    }
  }
}

/** The answer to an `input_required` result, when the body carries one. */
function inputOf(body: CallToolDto): ToolCallInput | undefined {
  // null is "not given", as elsewhere in this API.
  const inputResponses = body.inputResponses ?? undefined;
  const requestState = body.requestState ?? undefined;
  return inputResponses === undefined && requestState === undefined ? undefined : { inputResponses, requestState };
}

function checkToolName(tool: string): void {
  if (!TOOL_NAME.test(tool)) {
    throw validationFailed([{ field: 'tool', messages: ['tool must be 1-128 characters of A-Z a-z 0-9 _ . / : -'] }]);
  }
}

function commandTarget(params: Record<string, string>, result: unknown) {
  const named = result as Partial<CommandResult> | undefined;
  return { type: 'server', id: params['id'] ?? null, name: named?.serverName ?? null };
}
