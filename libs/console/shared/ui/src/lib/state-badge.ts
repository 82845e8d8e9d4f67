import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import type { HealthStatus, ServerState } from '@mcp-fleet/shared/contracts';

const STATE_ICONS: Record<ServerState, string> = {
  running: 'play_circle',
  starting: 'progress_activity',
  stopping: 'pending',
  stopped: 'stop_circle',
  error: 'error',
  maintenance: 'build',
};

const HEALTH_ICONS: Record<HealthStatus, string> = {
  healthy: 'favorite',
  degraded: 'heart_minus',
  unhealthy: 'heart_broken',
  unknown: 'help',
};

/** A server state as colour, icon and word: colour is never the only signal. */
@Component({
  selector: 'mf-state-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'mf-badge', '[attr.data-state]': 'state()' },
  template: `<span class="material-symbols-outlined" aria-hidden="true">{{ icon() }}</span
    ><span>{{ state() }}</span>`,
})
export class StateBadge {
  readonly state = input.required<ServerState>();
  protected readonly icon = computed(() => STATE_ICONS[this.state()]);
}

@Component({
  selector: 'mf-health-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'mf-badge', '[attr.data-health]': 'health()' },
  // No verdict (a server at rest, or not checked yet) reads as a dash, never as a state of health.
  template: `@if (health() === 'unknown') {
      <span aria-hidden="true">—</span><span class="cdk-visually-hidden">no health verdict</span>
    } @else {
      <span class="material-symbols-outlined" aria-hidden="true">{{ icon() }}</span
      ><span>{{ health() }}</span>
    }`,
})
export class HealthBadge {
  readonly health = input.required<HealthStatus>();
  protected readonly icon = computed(() => HEALTH_ICONS[this.health()]);
}
