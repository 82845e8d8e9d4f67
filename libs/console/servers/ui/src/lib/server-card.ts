import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

import { DurationPipe, HealthBadge, RelativeTimePipe, StateBadge } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { actionAllowed, type QuickAction, uptimeSeconds } from './server-live';

/**
 * One server at a glance: name (to its page), state, health, transport, uptime, and quick
 * start/stop. An `<article>` named after the server, so a card is found by its name.
 */
@Component({
  selector: 'mf-server-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule, StateBadge, HealthBadge, DurationPipe, RelativeTimePipe],
  templateUrl: './server-card.html',
  styleUrl: './server-card.scss',
})
export class ServerCard {
  readonly server = input.required<McpServer>();
  /** Whether the user may start and stop servers at all. */
  readonly canManage = input(false);
  /** The command in flight for this server, if any: both buttons wait for it. */
  readonly pending = input<QuickAction | null>(null);
  /** The clock the uptime is measured against (ms), ticked by the page. */
  readonly now = input(0);
  readonly action = output<QuickAction>();

  protected readonly uptime = computed(() => uptimeSeconds(this.server(), this.now()));
  protected readonly canStart = computed(() => this.canManage() && this.pending() === null && actionAllowed('start', this.server().state));
  protected readonly canStop = computed(() => this.canManage() && this.pending() === null && actionAllowed('stop', this.server().state));
}
