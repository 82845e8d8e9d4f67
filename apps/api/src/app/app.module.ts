import { DynamicModule, Module } from '@nestjs/common';

import { AuthFeatureModule } from '@mcp-fleet/api/auth/feature';
import { EventsFeatureModule } from '@mcp-fleet/api/events/feature';
import { GatewayFeatureModule } from '@mcp-fleet/api/gateway/feature';
import { HealthFeatureModule } from '@mcp-fleet/api/health/feature';
import { RuntimeFeatureModule } from '@mcp-fleet/api/runtime/feature';
import { ServersFeatureModule } from '@mcp-fleet/api/servers/feature';
import { AppConfig, ConfigModule, KeyRing } from '@mcp-fleet/api/shared/config';
import { DatabaseConnection, DatabaseModule } from '@mcp-fleet/api/shared/database';
import { ReadinessModule } from '@mcp-fleet/api/shared/http';
import { MIGRATIONS } from '@mcp-fleet/migrations';

@Module({})
export class AppModule {
  static register(config: AppConfig, keys: KeyRing, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, keys),
        DatabaseModule.forRoot(database, MIGRATIONS),
        ReadinessModule,
        AuthFeatureModule,
        EventsFeatureModule,
        HealthFeatureModule,
        ServersFeatureModule,
        RuntimeFeatureModule,
        GatewayFeatureModule,
      ],
    };
  }
}
