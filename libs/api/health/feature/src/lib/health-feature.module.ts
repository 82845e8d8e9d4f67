import { Module } from '@nestjs/common';

import { HealthController } from './health.controller';
import { MetricsModule } from './metrics/metrics.module';

@Module({ imports: [MetricsModule.forRoot()], controllers: [HealthController] })
export class HealthFeatureModule {}
