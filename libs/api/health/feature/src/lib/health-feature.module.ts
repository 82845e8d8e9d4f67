import { Module } from '@nestjs/common';

import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';

import { HealthController } from './health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { SystemInfoController } from './system-info.controller';

@Module({ imports: [ServersDataAccessModule, MetricsModule.forRoot()], controllers: [HealthController, SystemInfoController] })
export class HealthFeatureModule {}
