import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import type { FleetMetricHistory, Principal } from '@mcp-fleet/shared/contracts';

import { MetricsHistoryQueryDto } from './dto/metrics-history.query.dto';
import { GetFleetMetricsHistoryQuery } from './queries/get-fleet-metrics-history/get-fleet-metrics-history.query';

@ApiTags('runtime')
@Controller('mcp/metrics')
export class FleetMetricsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('history')
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({
    summary: 'The fleet over time: servers running, CPU, memory and tool calls summed, in buckets of `step` seconds',
    description: 'A server-scoped token sees the sum of its servers only.',
  })
  @ApiOkResponse({ description: 'FleetMetricHistory' })
  history(@Query() query: MetricsHistoryQueryDto, @CurrentPrincipal() reader: Principal): Promise<FleetMetricHistory> {
    return this.queries.execute(new GetFleetMetricsHistoryQuery(query.from, query.to, query.step, reader.serverIds));
  }
}
