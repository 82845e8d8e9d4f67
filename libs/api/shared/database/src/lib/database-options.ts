import * as pg from 'pg';
import type { MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export interface DatabaseConnection {
  url: string;
  poolSize: number;
}

/** `migrations` are classes from the workspace's `migrations/` folder. */
export type MigrationList = MixedList<new () => unknown>;

/** How long a request may wait for a database connection before it answers 503. */
export const CONNECTION_TIMEOUT_MS = 3000;

/**
 * Every new connection starts with no named statement. On PostgreSQL a new connection is a
 * new session, so this is a no-op; the embedded PGlite is one session for every connection,
 * and `pg` replaces a connection after any failed query: without this, the replacement
 * prepared a statement the session still held and every read failed until a restart.
 */
function forgetPreparedStatements(client: pg.PoolClient, done: (error?: Error) => void): void {
  client.query('DEALLOCATE ALL').then(() => done(), done);
}

/** TypeORM options shared by the API, the migration CLI and the tests. */
export function postgresOptions(connection: DatabaseConnection, migrations: MigrationList): PostgresConnectionOptions {
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
      // Waiting for a connection (a free one, or a new one) fails after this, so a request
      // during a database outage answers 503 in seconds instead of hanging for the outage.
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      verify: forgetPreparedStatements,
    },
  };
}
