import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { MetricSamplesRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { type MetricHistory, METRICS_HISTORY_LIMITS as L } from '@mcp-fleet/shared/contracts';

import { GetMetricsHistoryQuery } from './get-metrics-history.query';

/** The chart data of one server: samples rolled up into buckets of `step` seconds. */
@QueryHandler(GetMetricsHistoryQuery)
export class GetMetricsHistoryHandler implements IQueryHandler<GetMetricsHistoryQuery> {
  constructor(
    private readonly servers: McpServerRepository,
    private readonly samples: MetricSamplesRepository,
  ) {}

  async execute(query: GetMetricsHistoryQuery): Promise<MetricHistory> {
    if (!(await this.servers.findById(query.serverId))) {
      throw serverNotFound(query.serverId);
    }
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - L.defaultRangeSeconds * 1000);
    if (from.getTime() >= to.getTime()) {
      throw validationFailed([{ field: 'to', messages: ['to must be later than from'] }]);
    }
    const rangeSeconds = (to.getTime() - from.getTime()) / 1000;
    // Enough points for a chart, never more than maxPoints: the step grows with the range.
    const stepSeconds = Math.max(query.stepSeconds ?? 0, L.minStepSeconds, Math.ceil(rangeSeconds / L.maxPoints));
    const points = await this.samples.rollup(query.serverId, from, to, stepSeconds);
    return { serverId: query.serverId, from: from.toISOString(), to: to.toISOString(), stepSeconds, points };
  }
}
