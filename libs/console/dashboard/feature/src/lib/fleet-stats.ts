import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';

import type { ConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState, StateBadge } from '@mcp-fleet/console/shared/ui';
import { type FleetOverview, SERVER_STATES, type ServerState, type ServerStatus, statusOf } from '@mcp-fleet/shared/contracts';

const NUMBER = new Intl.NumberFormat();

/**
 * The four stat cards: servers by state, unhealthy, events in the last hour, mean response time.
 * The figures lead to the list, filtered on what they count.
 */
@Component({
  selector: 'mf-fleet-stats',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, StateBadge, ErrorState],
  templateUrl: './fleet-stats.html',
  styleUrl: './fleet-stats.scss',
})
export class FleetStats {
  readonly overview = input<FleetOverview | null>(null);
  readonly error = input<ConsoleError | null>(null);
  readonly canViewEvents = input(false);
  readonly retry = output<void>();

  protected readonly total = computed(() => this.format(this.overview()?.servers.total));
  protected readonly unhealthy = computed(() => this.format(this.overview()?.servers.unhealthy));
  protected readonly degraded = computed(() => this.overview()?.servers.degraded ?? 0);
  protected readonly events = computed(() => this.format(this.overview()?.eventsLastHour));
  /** Each state with servers in it, and the list filter that shows them (maintenance has none: it lists as stopped). */
  protected readonly states = computed<{ state: ServerState; count: number; filter: ServerStatus | null }[]>(() => {
    const byState = this.overview()?.servers.byState;
    return byState
      ? SERVER_STATES.map((state) => ({ state, count: byState[state], filter: state === 'maintenance' ? null : statusOf(state) })).filter(
          (entry) => entry.count > 0,
        )
      : [];
  });
  protected readonly responseTime = computed(() => {
    const overview = this.overview();
    if (!overview) {
      return '…';
    }
    return overview.averageResponseTimeMs === null ? '—' : `${NUMBER.format(overview.averageResponseTimeMs)} ms`;
  });

  private format(value: number | undefined): string {
    return value === undefined ? '…' : NUMBER.format(value);
  }
}
