import { Query } from '@nestjs/cqrs';

import type { FleetMetricHistory } from '@mcp-fleet/shared/contracts';

export class GetFleetMetricsHistoryQuery extends Query<FleetMetricHistory> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    readonly stepSeconds: number | undefined,
    /** A server-scoped reader's servers (`Principal.serverIds`); absent means every server. */
    readonly serverIds?: readonly string[],
  ) {
    super();
  }
}
