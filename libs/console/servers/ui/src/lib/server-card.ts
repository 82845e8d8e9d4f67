import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

import { actionBlockedBy, startRecord } from '@mcp-fleet/console/servers/util';
import { DurationPipe, HealthBadge, RelativeTimePipe, StateBadge } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { DriftChip } from './drift-chip';
import { FailureNote } from './failure-note';
import { actionAllowed, type QuickAction, uptimeSeconds } from './server-live';

/**
 * One server at a glance: name (to its page), state, health, transport, uptime, definitions to
 * approve, its last failure (first, while it is in error), and quick start/stop (no start for a
 * disabled server, which the API refuses). An `<article>` named after the server, so a card is found by its name.
 */
@Component({
  selector: 'mf-server-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressSpinnerModule,
    StateBadge,
    HealthBadge,
    DriftChip,
    FailureNote,
    DurationPipe,
    RelativeTimePipe,
  ],
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
  protected readonly startRecord = computed(() => startRecord(this.server()));
  protected readonly startBlocked = computed(() => actionBlockedBy('start', this.server()) !== null);
  protected readonly canStart = computed(() => this.canManage() && this.pending() === null && actionAllowed('start', this.server().state));
  protected readonly canStop = computed(() => this.canManage() && this.pending() === null && actionAllowed('stop', this.server().state));
}
