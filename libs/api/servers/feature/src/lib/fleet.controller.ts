import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { stringify as toYaml } from 'yaml';

import { Audit, type CallContext, Caller, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import type { FleetApplyResponse, FleetDocument } from '@mcp-fleet/shared/contracts';

import { ApplyFleetCommand } from './commands/apply-fleet/apply-fleet.command';
import { ApplyFleetQueryDto, ExportFleetQueryDto } from './dto/fleet.query.dto';
import { ExportFleetQuery } from './queries/export-fleet/export-fleet.query';

/** The fleet as a document (docs/configuration.md, "The fleet as a document"). */
@ApiTags('fleet')
@Controller('mcp/fleet')
export class FleetController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('export')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'Every server as one document (YAML by default); secrets as { secret: true } references' })
  @ApiProduces('application/yaml', 'application/json')
  @ApiOkResponse({ description: 'A fleet document (docs/fleet-document.schema.json)' })
  async export(@Query() query: ExportFleetQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<FleetDocument | string> {
    const document = await this.queries.execute(new ExportFleetQuery());
    const format = query.format ?? 'yaml';
    void reply.header('content-disposition', `attachment; filename="fleet.${format}"`);
    if (format === 'json') {
      return document;
    }
    void reply.type('application/yaml; charset=utf-8');
    return toYaml(document);
  }

  @Post('apply')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions('mcp:configure_servers')
  @Audit('fleet.apply', 'fleet', {
    target: ({ result }) => ({
      type: 'fleet',
      id: null,
      name: (result as FleetApplyResponse | undefined)?.dryRun ? 'dry run' : null,
    }),
  })
  @ApiOperation({ summary: 'Plan (dryRun=true) or apply a fleet document; JSON, or YAML as application/yaml' })
  @ApiBody({ schema: { type: 'object', description: 'A fleet document (docs/fleet-document.schema.json)' } })
  @ApiOkResponse({ description: 'The plan, or the result of each item' })
  apply(@Body() body: unknown, @Query() query: ApplyFleetQueryDto, @Caller() caller: CallContext): Promise<FleetApplyResponse> {
    return this.commands.execute(new ApplyFleetCommand(body, query.dryRun ?? false, query.prune ?? false, caller));
  }
}
