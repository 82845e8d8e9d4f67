import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig } from './app-config';
import { KeyRing } from './key-ring';

/** Makes the one validated `AppConfig` (and the boot-time `KeyRing`) injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, keys: KeyRing): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: KeyRing, useValue: keys },
      ],
      exports: [AppConfig, KeyRing],
    };
  }
}
