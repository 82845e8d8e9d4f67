import { Query } from '@nestjs/cqrs';

import type { MetricHistory } from '@mcp-fleet/shared/contracts';

export class GetMetricsHistoryQuery extends Query<MetricHistory> {
  constructor(
    readonly serverId: string,
    readonly from: string | undefined,
    readonly to: string | undefined,
    readonly stepSeconds: number | undefined,
  ) {
    super();
  }
}
