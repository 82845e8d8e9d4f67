import * as pg from 'pg';
import type { MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export interface DatabaseConnection {
  url: string;
  poolSize: number;
}

/** `migrations` are classes from the workspace's `migrations/` folder. */
export type MigrationList = MixedList<new () => unknown>;

/** TypeORM options shared by the API, the migration CLI and the tests. */
export function postgresOptions(
  connection: DatabaseConnection,
  migrations: MigrationList,
): PostgresConnectionOptions {
  return {
    type: 'postgres',
    // Handed over explicitly so bundlers (and the generated runtime package.json) see the driver.
    driver: pg,
    url: connection.url,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    // TypeORM's logger would print query parameters (secrets, later) on failures.
    logging: false,
    extra: {
      max: connection.poolSize,
      application_name: 'mcp-fleet',
      idleTimeoutMillis: 30_000,
    },
  };
}
