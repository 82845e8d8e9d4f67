import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, RequirePermissions } from '@mcp-fleet/api/shared/authz';
import type { FleetOverview, Principal } from '@mcp-fleet/shared/contracts';

import { GetFleetOverviewQuery } from './queries/get-fleet-overview/get-fleet-overview.query';

@ApiTags('health')
@Controller('mcp/overview')
export class FleetOverviewController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermissions('mcp:view_servers')
  @ApiOperation({ summary: 'The fleet at a glance: servers by state and health, mean response time, events in the last hour' })
  @ApiOkResponse({ description: 'FleetOverview' })
  overview(@CurrentPrincipal() reader: Principal): Promise<FleetOverview> {
    return this.queries.execute(new GetFleetOverviewQuery(reader));
  }
}
