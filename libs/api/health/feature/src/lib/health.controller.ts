import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Public } from '@mcp-fleet/api/shared/authz';
import { pingDatabase } from '@mcp-fleet/api/shared/database';
import { DomainError } from '@mcp-fleet/api/shared/errors';

export interface LivenessReport {
  status: 'ok';
  uptimeSeconds: number;
  timestamp: string;
}

export interface ReadinessReport {
  status: 'ready';
  checks: { database: 'up' };
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and serving' })
  @ApiOkResponse({ description: '{ status: "ok", uptimeSeconds, timestamp }' })
  health(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()), timestamp: new Date().toISOString() };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: the database answers' })
  @ApiOkResponse({ description: '{ status: "ready", checks: { database: "up" } }' })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE with the failing checks in details' })
  async ready(): Promise<ReadinessReport> {
    if (!(await pingDatabase(this.dataSource))) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The database does not answer', { checks: { database: 'down' } });
    }
    return { status: 'ready', checks: { database: 'up' } };
  }
}
