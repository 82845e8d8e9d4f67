import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

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
