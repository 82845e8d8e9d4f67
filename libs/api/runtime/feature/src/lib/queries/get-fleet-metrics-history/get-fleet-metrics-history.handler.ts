import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { MetricSamplesRepository } from '@mcp-fleet/api/runtime/data-access';
import type { FleetMetricHistory } from '@mcp-fleet/shared/contracts';

import { metricWindow } from '../../domain/metric-window';
import { GetFleetMetricsHistoryQuery } from './get-fleet-metrics-history.query';

/** The fleet's chart data: every server's samples summed per bucket of `step` seconds. */
@QueryHandler(GetFleetMetricsHistoryQuery)
export class GetFleetMetricsHistoryHandler implements IQueryHandler<GetFleetMetricsHistoryQuery> {
  constructor(private readonly samples: MetricSamplesRepository) {}

  async execute(query: GetFleetMetricsHistoryQuery): Promise<FleetMetricHistory> {
    const { from, to, stepSeconds } = metricWindow(query.from, query.to, query.stepSeconds);
    const points = await this.samples.fleetRollup(from, to, stepSeconds, query.serverIds);
    return { from: from.toISOString(), to: to.toISOString(), stepSeconds, points };
  }
}
