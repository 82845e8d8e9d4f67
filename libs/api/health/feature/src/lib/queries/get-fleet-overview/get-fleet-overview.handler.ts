import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';

import { EventsRepository } from '@mcp-fleet/api/events/data-access';
import { LiveFiguresRepository } from '@mcp-fleet/api/servers/data-access';
import {
  type FleetOverview,
  type Principal,
  RESTRICTED_EVENT_CATEGORIES,
  SERVER_STATES,
  type ServerState,
} from '@mcp-fleet/shared/contracts';

import { GetFleetOverviewQuery } from './get-fleet-overview.query';

const HOUR_MS = 3_600_000;

@QueryHandler(GetFleetOverviewQuery)
export class GetFleetOverviewHandler implements IQueryHandler<GetFleetOverviewQuery> {
  constructor(
    private readonly servers: LiveFiguresRepository,
    private readonly events: EventsRepository,
  ) {}

  async execute({ reader }: GetFleetOverviewQuery): Promise<FleetOverview> {
    const now = new Date();
    const [figures, eventsLastHour] = await Promise.all([
      this.servers.fleetFigures(reader.serverIds),
      this.visibleEventsSince(reader, new Date(now.getTime() - HOUR_MS)),
    ]);
    const byState = Object.fromEntries(SERVER_STATES.map((state) => [state, figures.byState[state] ?? 0])) as Record<ServerState, number>;
    return {
      servers: {
        total: Object.values(byState).reduce((sum, count) => sum + count, 0),
        byState,
        unhealthy: figures.unhealthy,
        degraded: figures.degraded,
      },
      averageResponseTimeMs: figures.requests > 0 ? Math.round((figures.weightedResponseMs / figures.requests) * 10) / 10 : null,
      eventsLastHour,
      generatedAt: now.toISOString(),
    };
  }

  /**
   * The same visibility as the events list: security and audit events only for admins, only
   * its servers' for a server-scoped token, and nothing for a caller (an API token) that may
   * not read events at all.
   */
  private async visibleEventsSince(reader: Principal, from: Date): Promise<number> {
    if (!reader.permissions.includes('mcp:view_events')) {
      return 0;
    }
    const excludeCategories = reader.permissions.includes('mcp:admin') ? undefined : RESTRICTED_EVENT_CATEGORIES;
    return this.events.count({ from, excludeCategories, serverIds: reader.serverIds });
  }
}
