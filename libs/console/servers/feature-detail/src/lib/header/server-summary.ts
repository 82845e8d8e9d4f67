import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';

import { HealthBadge, StateBadge } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

/** State, health and the identifying facts of a server, under its name. */
@Component({
  selector: 'mf-server-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StateBadge, HealthBadge, MatChipsModule],
  template: `
    <dl class="mf-summary">
      <div>
        <dt>State</dt>
        <dd><mf-state-badge [state]="server().state" /></dd>
      </div>
      <div>
        <dt>Health</dt>
        <dd><mf-health-badge [health]="server().health.status" /></dd>
      </div>
      <div>
        <dt>Transport</dt>
        <dd>{{ server().transport }}</dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>{{ server().type || '—' }}</dd>
      </div>
      @if (!server().enabled) {
        <div>
          <dt>Enabled</dt>
          <dd>No</dd>
        </div>
      }
      <div class="mf-summary-tags">
        <dt>Tags</dt>
        <dd>
          @if (server().tags.length > 0) {
            <mat-chip-set aria-label="Tags">
              @for (tag of server().tags; track tag) {
                <mat-chip>{{ tag }}</mat-chip>
              }
            </mat-chip-set>
          } @else {
            <span class="mf-muted">None</span>
          }
        </dd>
      </div>
    </dl>
  `,
  styles: `
    .mf-summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 2rem;
      margin: 0 0 1rem;
      > div {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
      }
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      min-height: 1.5rem;
      display: flex;
      align-items: center;
    }
  `,
})
export class ServerSummary {
  readonly server = input.required<McpServer>();
}
