import { Module } from '@nestjs/common';

import { CatalogRepository } from './catalog.repository';
import { InstancesRepository } from './instances.repository';
import { LeasesRepository } from './leases.repository';
import { LogsRepository } from './logs.repository';
import { MetricSamplesRepository } from './metric-samples.repository';
import { RunsRepository } from './runs.repository';

@Module({
  providers: [RunsRepository, CatalogRepository, LogsRepository, MetricSamplesRepository, LeasesRepository, InstancesRepository],
  exports: [RunsRepository, CatalogRepository, LogsRepository, MetricSamplesRepository, LeasesRepository, InstancesRepository],
})
export class RuntimeDataAccessModule {}
