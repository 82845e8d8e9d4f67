import { Module } from '@nestjs/common';

import { CatalogRepository } from './catalog.repository';
import { LogsRepository } from './logs.repository';
import { RunsRepository } from './runs.repository';

@Module({
  providers: [RunsRepository, CatalogRepository, LogsRepository],
  exports: [RunsRepository, CatalogRepository, LogsRepository],
})
export class RuntimeDataAccessModule {}
