import { Module } from '@nestjs/common';

import { EventsDataAccessModule } from '@mcp-fleet/api/events/data-access';
import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';

import { CatalogRepository } from './catalog.repository';
import { CatalogApprovalsRepository } from './catalog-approvals.repository';
import { FleetDirectory } from './fleet-directory';
import { InstancesRepository } from './instances.repository';
import { LeasesRepository } from './leases.repository';
import { LogsRepository } from './logs.repository';
import { MetricSamplesRepository } from './metric-samples.repository';
import { ProtocolVerdictsRepository } from './protocol-verdicts.repository';
import { ResourceSubscriptionsRepository } from './resource-subscriptions.repository';
import { RunsRepository } from './runs.repository';
import { ToolSwitchesRepository } from './tool-switches.repository';

const PROVIDERS = [
  RunsRepository,
  CatalogRepository,
  LogsRepository,
  MetricSamplesRepository,
  LeasesRepository,
  InstancesRepository,
  ToolSwitchesRepository,
  ProtocolVerdictsRepository,
  ResourceSubscriptionsRepository,
  CatalogApprovalsRepository,
  FleetDirectory,
];

@Module({
  imports: [ServersDataAccessModule, EventsDataAccessModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RuntimeDataAccessModule {}
