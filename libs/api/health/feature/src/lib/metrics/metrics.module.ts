import { type DynamicModule, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';

import { ServersDataAccessModule } from '@mcp-fleet/api/servers/data-access';

import { MetricsController } from './metrics.controller';
import { ServerGauges } from './server-gauges';

/** `/metrics`: the default registry (Node process metrics, and the series every feature registers). */
@Module({})
export class MetricsModule {
  static forRoot(): DynamicModule {
    return {
      module: MetricsModule,
      imports: [
        ServersDataAccessModule,
        PrometheusModule.register({
          controller: MetricsController,
          path: 'metrics',
          // Default metrics are registered once per process (tests start several applications).
          defaultMetrics: { enabled: register.getSingleMetric('process_cpu_user_seconds_total') === undefined },
        }),
      ],
      providers: [ServerGauges],
    };
  }
}
