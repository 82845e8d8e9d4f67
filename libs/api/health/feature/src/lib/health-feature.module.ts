import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';

import { FleetOverviewController } from './fleet-overview.controller';
import { HealthController } from './health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { GetFleetOverviewHandler } from './queries/get-fleet-overview/get-fleet-overview.handler';
import { SystemInfoController } from './system-info.controller';

@Module({
  imports: [CqrsModule, ServersDataAccessModule, EventsDataAccessModule, MetricsModule.forRoot()],
  controllers: [HealthController, SystemInfoController, FleetOverviewController],
  providers: [GetFleetOverviewHandler],
})
export class HealthFeatureModule {}
