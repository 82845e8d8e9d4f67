import { Controller, Get, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { Public } from '@mcp-fleet/api/shared/authz';
import { pingDatabase } from '@mcp-fleet/api/shared/database';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { ReadinessRegistry } from '@mcp-fleet/api/shared/http';

export interface LivenessReport {
  status: 'ok';
  uptimeSeconds: number;
  timestamp: string;
}

export interface ReadinessReport {
  status: 'ready';
  /** `up` for every check: database, migrations, and what components registered (supervisor). */
  checks: Record<string, string>;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is up and serving (no dependencies checked)' })
  @ApiOkResponse({ description: '{ status: "ok", uptimeSeconds, timestamp }' })
  health(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()), timestamp: new Date().toISOString() };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: the database answers, migrations are applied, the supervisor runs' })
  @ApiOkResponse({ description: '{ status: "ready", checks: { database: "up", migrations: "up", supervisor: "up" } }' })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE with every check in details.checks' })
  async ready(): Promise<ReadinessReport> {
    const checks: Record<string, string> = { database: (await pingDatabase(this.dataSource)) ? 'up' : 'down' };
    if (checks['database'] === 'up') {
      checks['migrations'] = (await this.dataSource.showMigrations().catch(() => true)) ? 'pending' : 'up';
    }
    Object.assign(checks, await this.readiness?.evaluate());
    const failing = Object.entries(checks).filter(([, verdict]) => verdict !== 'up');
    if (failing.length > 0) {
      throw new DomainError('SERVICE_UNAVAILABLE', `Not ready: ${failing.map(([name, verdict]) => `${name} ${verdict}`).join(', ')}`, {
        checks,
      });
    }
    return { status: 'ready', checks };
  }
}
