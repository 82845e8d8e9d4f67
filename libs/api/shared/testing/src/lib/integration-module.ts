import { randomBytes } from 'node:crypto';

import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { ConfigModule, KeyRing, loadAppConfig } from '@mcp-fleet/api/shared/config';
import { DatabaseModule } from '@mcp-fleet/api/shared/database';
import { MIGRATIONS } from '@mcp-fleet/migrations';

import { CuttableProxy } from './e2e/cuttable-proxy';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface IntegrationContext {
  module: TestingModule;
  database: TestDatabase;
  dataSource: DataSource;
  /** With `throughProxy`: the link to the database, to cut for an outage. */
  proxy: CuttableProxy | undefined;
  close(): Promise<void>;
}

export interface IntegrationOptions {
  /** Providers replaced by test doubles (what cannot run here, or what the test drives by hand). */
  overrides?: { provide: unknown; useValue: unknown }[];
  /** Connect through a CuttableProxy, so the test can cut the database away and bring it back. */
  throughProxy?: boolean;
}

/**
 * A Nest module wired like the real API (config, TypeORM, migrations) on a fresh
 * database, plus the feature modules under test. No mocks.
 */
export async function createIntegrationContext(
  imports: ModuleMetadata['imports'],
  env: Record<string, string> = {},
  options: IntegrationOptions = {},
): Promise<IntegrationContext> {
  const database = await createTestDatabase();
  const proxy = options.throughProxy ? await proxyTo(database.url) : undefined;
  const url = proxy ? proxiedUrl(database.url, proxy) : database.url;
  try {
    let builder = Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(
          loadAppConfig({ DATABASE_URL: url, NODE_ENV: 'test', ...env }),
          new KeyRing(randomBytes(32).toString('base64url'), randomBytes(32)),
        ),
        DatabaseModule.forRoot({ url, poolSize: database.poolSize }, MIGRATIONS),
        ...(imports ?? []),
      ],
    });
    for (const override of options.overrides ?? []) {
      builder = builder.overrideProvider(override.provide).useValue(override.useValue);
    }
    const module = await builder.compile();
    await module.init();
    return {
      module,
      database,
      dataSource: module.get<DataSource>(getDataSourceToken()),
      proxy,
      async close() {
        await module.close();
        await proxy?.close();
        await database.drop();
      },
    };
  } catch (error) {
    await proxy?.close();
    await database.drop();
    throw error;
  }
}

async function proxyTo(databaseUrl: string): Promise<CuttableProxy> {
  const url = new URL(databaseUrl);
  const proxy = new CuttableProxy(decodeURIComponent(url.hostname) || '127.0.0.1', Number(url.port || 5432));
  await proxy.listen();
  return proxy;
}

/** The same database through the proxy (a TCP port, whatever the database listens on). */
function proxiedUrl(databaseUrl: string, proxy: CuttableProxy): string {
  const url = new URL(databaseUrl);
  return `postgres://${url.username || 'postgres'}@127.0.0.1:${proxy.port}${url.pathname}`;
}
