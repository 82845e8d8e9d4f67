import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, type OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { EventsApi } from '@mcp-fleet/console/events/data-access';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { AuditEntry, FleetEvent } from '@mcp-fleet/shared/contracts';

/** Events recorded under the same correlation id carry the details (what changed, from what to what). */
const RELATED_LIMIT = 20;

/** The expanded part of an audit row: the whole entry, and the events its request recorded. */
@Component({
  selector: 'mf-audit-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe],
  template: `
    <div class="mf-details">
      <section>
        <h2>Entry</h2>
        <pre class="mf-json" tabindex="0" aria-label="Audit entry as JSON">{{ entry() | json }}</pre>
      </section>
      <section>
        <h2>Details recorded by this request</h2>
        @if (!entry().correlationId) {
          <p class="mf-muted">No correlation id, so no related events.</p>
        } @else if (error(); as problem) {
          <p class="mf-error-text" role="alert">Could not load the details: {{ problem.message }} ({{ problem.code }})</p>
        } @else if (events(); as list) {
          @for (event of list; track event.id) {
            <p class="mf-event-title">
              <time [attr.datetime]="event.timestamp">{{ event.timestamp | date: 'HH:mm:ss.SSS' }}</time>
              <code>{{ event.type }}</code> {{ event.message }}
            </p>
            <pre class="mf-json" tabindex="0" [attr.aria-label]="'Details of ' + event.type + ' as JSON'">{{ event.data | json }}</pre>
          } @empty {
            <p class="mf-muted">This request recorded no other events.</p>
          }
        } @else {
          <p class="mf-muted" role="status">Loading details…</p>
        }
      </section>
    </div>
  `,
  styleUrl: './audit-details.scss',
})
export class AuditDetails implements OnInit {
  readonly entry = input.required<AuditEntry>();
  private readonly eventsApi = inject(EventsApi);
  protected readonly events = signal<FleetEvent[] | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);

  ngOnInit(): void {
    void this.loadRelated();
  }

  private async loadRelated(): Promise<void> {
    const correlationId = this.entry().correlationId;
    if (!correlationId) {
      return;
    }
    try {
      const page = await firstValueFrom(this.eventsApi.list({ correlationId, limit: RELATED_LIMIT }));
      this.events.set(page.items);
    } catch (error) {
      this.error.set(toConsoleError(error));
    }
  }
}
