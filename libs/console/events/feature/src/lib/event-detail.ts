import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import type { FleetEvent } from '@mcp-fleet/shared/contracts';

/** Everything one event holds: ids, who and where, the correlation id, and its data as JSON. */
@Component({
  selector: 'mf-event-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './event-detail.html',
  styleUrl: './event-detail.scss',
})
export class EventDetail {
  readonly event = input.required<FleetEvent>();
  protected readonly json = computed(() => JSON.stringify(this.event().data, null, 2));
  protected readonly localTime = computed(() =>
    new Date(this.event().timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
  );
  protected readonly hasData = computed(() => Object.keys(this.event().data ?? {}).length > 0);
}
