import { DynamicModule, Module } from '@nestjs/common';

import { ServersFeatureModule } from '@mcp-fleet/api/servers/feature';
import { HealthFeatureModule } from '@mcp-fleet/api/health/feature';
import { AppConfig, ConfigModule } from '@mcp-fleet/api/shared/config';
import { DatabaseConnection, DatabaseModule } from '@mcp-fleet/api/shared/database';
import { MIGRATIONS } from '@mcp-fleet/migrations';

@Module({})
export class AppModule {
  static register(config: AppConfig, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database, MIGRATIONS),
        HealthFeatureModule,
        ServersFeatureModule,
      ],
    };
  }
}
