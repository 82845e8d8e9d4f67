import { Module } from '@nestjs/common';

import { CatalogRepository } from './catalog.repository';
import { RunsRepository } from './runs.repository';

@Module({
  providers: [RunsRepository, CatalogRepository],
  exports: [RunsRepository, CatalogRepository],
})
export class RuntimeDataAccessModule {}
