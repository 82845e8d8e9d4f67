import { Query } from '@nestjs/cqrs';

import type { FleetOverview, Principal } from '@mcp-fleet/shared/contracts';

export class GetFleetOverviewQuery extends Query<FleetOverview> {
  constructor(readonly reader: Principal) {
    super();
  }
}
