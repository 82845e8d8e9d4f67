import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { MetricSamplesRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import type { MetricHistory } from '@mcp-fleet/shared/contracts';

import { metricWindow } from '../../domain/metric-window';
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
    const { from, to, stepSeconds } = metricWindow(query.from, query.to, query.stepSeconds);
    const points = await this.samples.rollup(query.serverId, from, to, stepSeconds);
    return { serverId: query.serverId, from: from.toISOString(), to: to.toISOString(), stepSeconds, points };
  }
}
