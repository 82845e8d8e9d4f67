import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequirePermissions } from '@mcp-fleet/api/shared/authz';
import type { ApiInstanceInfo } from '@mcp-fleet/shared/contracts';

import { GetInstancesQuery } from './queries/get-instances/get-instances.query';

@ApiTags('instances')
@Controller('mcp/instances')
export class InstancesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermissions('mcp:admin')
  @ApiOperation({ summary: 'The live API replicas: address, version, servers owned, last heartbeat' })
  @ApiOkResponse({ description: 'ApiInstanceInfo[]' })
  list(): Promise<ApiInstanceInfo[]> {
    return this.queries.execute(new GetInstancesQuery());
  }
}
