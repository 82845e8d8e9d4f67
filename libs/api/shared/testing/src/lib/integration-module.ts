import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { ConfigModule, loadAppConfig } from '@mcp-fleet/api/shared/config';
import { DatabaseModule } from '@mcp-fleet/api/shared/database';
import { MIGRATIONS } from '@mcp-fleet/migrations';

import { createTestDatabase, type TestDatabase } from './test-database';

export interface IntegrationContext {
  module: TestingModule;
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * A Nest module wired like the real API (config, TypeORM, migrations) on a fresh
 * database, plus the feature modules under test. No mocks.
 */
export async function createIntegrationContext(imports: ModuleMetadata['imports']): Promise<IntegrationContext> {
  const database = await createTestDatabase();
  try {
    const module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(loadAppConfig({ DATABASE_URL: database.url, NODE_ENV: 'test' })),
        DatabaseModule.forRoot({ url: database.url, poolSize: database.poolSize }, MIGRATIONS),
        ...(imports ?? []),
      ],
    }).compile();
    await module.init();
    return {
      module,
      database,
      dataSource: module.get<DataSource>(getDataSourceToken()),
      async close() {
        await module.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
