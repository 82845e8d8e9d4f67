import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';

import { FleetSocket } from '@mcp-fleet/console/shared/data-access';

const LABELS = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

/** Tells the truth about the socket: "Live" only while subscribed and events can flow. */
@Component({
  selector: 'mf-live-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTooltipModule],
  host: { class: 'mf-live', '[attr.data-status]': 'socket.status()' },
  template: `
    <span class="mf-live-dot" aria-hidden="true"></span>
    <span role="status" aria-live="polite" [matTooltip]="tooltip()">{{ label() }}</span>
  `,
})
export class LiveIndicator {
  protected readonly socket = inject(FleetSocket);
  protected readonly label = computed(() => LABELS[this.socket.status()]);
  protected readonly tooltip = computed(() =>
    this.socket.status() === 'live'
      ? `Receiving live updates (last event #${this.socket.lastSeq()})`
      : 'Live updates paused; missed events are replayed on reconnect',
  );
}
