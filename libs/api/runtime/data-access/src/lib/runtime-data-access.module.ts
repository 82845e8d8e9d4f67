import { Module } from '@nestjs/common';

import { CatalogRepository } from './catalog.repository';
import { LogsRepository } from './logs.repository';
import { MetricSamplesRepository } from './metric-samples.repository';
import { RunsRepository } from './runs.repository';

@Module({
  providers: [RunsRepository, CatalogRepository, LogsRepository, MetricSamplesRepository],
  exports: [RunsRepository, CatalogRepository, LogsRepository, MetricSamplesRepository],
})
export class RuntimeDataAccessModule {}
