import { randomBytes } from 'node:crypto';

import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { ConfigModule, KeyRing, loadAppConfig } from '@mcp-fleet/api/shared/config';
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
export async function createIntegrationContext(
  imports: ModuleMetadata['imports'],
  env: Record<string, string> = {},
): Promise<IntegrationContext> {
  const database = await createTestDatabase();
  try {
    const module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(
          loadAppConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', ...env }),
          new KeyRing(randomBytes(32).toString('base64url'), randomBytes(32)),
        ),
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
