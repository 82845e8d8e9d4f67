import { type DynamicModule, Module } from '@nestjs/common';

import { AuthFeatureModule } from '@mcp-fleet/api/auth/feature';
import { type AppConfig, ConfigModule, type KeyRing } from '@mcp-fleet/api/shared/config';
import { type DatabaseConnection, DatabaseModule } from '@mcp-fleet/api/shared/database';
import { MIGRATIONS } from '@mcp-fleet/migrations';

/** What the command-line tools need: configuration, the database and user management. */
@Module({})
export class CliModule {
  static register(config: AppConfig, keys: KeyRing, database: DatabaseConnection): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config, keys), DatabaseModule.forRoot(database, MIGRATIONS), AuthFeatureModule],
    };
  }
}
