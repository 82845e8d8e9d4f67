import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import { DatabaseConnection, MigrationList, postgresOptions } from './database-options';
import { runMigrations } from './run-migrations';

/** TypeORM on PostgreSQL; migrations run at boot, never `synchronize`. */
@Module({})
export class DatabaseModule {
  static forRoot(connection: DatabaseConnection, migrations: MigrationList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...postgresOptions(connection, migrations), autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            if (!options) {
              throw new Error('TypeORM called the data source factory without options');
            }
            const dataSource = await new DataSource(options).initialize();
            guardPoolClients(dataSource);
            const applied = await runMigrations(dataSource);
            if (applied.length > 0) {
              new Logger('DatabaseModule').log(`Applied migrations: ${applied.join(', ')}`);
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}

/**
 * A pooled client whose connection dies while it is checked out but between statements emits
 * 'error' with no listener of TypeORM or of the pool, and Node ends the process (seen: a database
 * cut at the wrong instant killed the API). Every client gets a listener when first handed out;
 * the statement in progress, if any, still fails and is retried by its caller.
 */
function guardPoolClients(dataSource: DataSource): void {
  const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
  if (!pool || typeof pool.on !== 'function') {
    return;
  }
  const logger = new Logger('DatabasePool');
  const guarded = new WeakSet<PoolClient>();
  const guard = (client: PoolClient) => {
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', (error: Error) => logger.warn(`A database connection in use was lost: ${error.message}`));
    }
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}
