import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { describeFailure } from '@mcp-fleet/console/servers/util';
import { RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

/**
 * Why the server last failed, where the operator lands: the reason, its exit code or signal, the
 * message, the last stderr lines and the failed starts. Loud while the server is in `error`, a
 * quiet record once it recovered; absent for a server that never failed.
 */
@Component({
  selector: 'mf-server-failure-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RelativeTimePipe],
  template: `
    @if (failure(); as view) {
      <section class="mf-card mf-failure-card" aria-labelledby="mf-failure-heading" [attr.data-current]="view.current">
        <h2 id="mf-failure-heading">
          @if (view.current) {
            <span class="material-symbols-outlined" aria-hidden="true">error</span>
            {{ view.title }}
          } @else {
            Last failure
          }
        </h2>
        <dl class="mf-facts">
          @if (!view.current) {
            <dt>What</dt>
            <dd>{{ view.title }}</dd>
          }
          <dt>Reason</dt>
          <dd>{{ server().lastFailure?.reason }}</dd>
          @if (view.exit; as exit) {
            <dt>Exit</dt>
            <dd>{{ exit }}</dd>
          }
          <dt>Message</dt>
          <dd class="mf-break">{{ view.message }}</dd>
          <dt>When</dt>
          <dd>
            <time [attr.datetime]="view.at" [title]="view.at">{{ view.at | relativeTime }}</time>
          </dd>
          @if (view.attempts; as attempts) {
            <dt>Starts</dt>
            <dd>{{ attempts }}</dd>
          }
        </dl>
        @if (view.stderr.length > 0) {
          <h3>Last stderr lines</h3>
          <pre class="mf-stderr" tabindex="0" aria-label="Last stderr lines">{{ view.stderr.join('\\n') }}</pre>
        }
        <p class="mf-more"><a routerLink="." [queryParams]="{ tab: 'logs' }">Full log in the Logs tab</a></p>
      </section>
    }
  `,
  styleUrl: './overview-card.scss',
  styles: `
    .mf-failure-card[data-current='true'] {
      border-left: 4px solid var(--mf-bad);
      h2 {
        display: flex;
        align-items: center;
        gap: 0.375rem;
        color: var(--mf-bad);
      }
    }
    .mf-stderr {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font:
        0.8125rem/1.5 ui-monospace,
        SFMono-Regular,
        Menlo,
        Consolas,
        monospace;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .mf-more {
      margin: 0.75rem 0 0;
    }
  `,
})
export class ServerFailureCard {
  readonly server = input.required<McpServer>();

  protected readonly failure = computed(() => describeFailure(this.server()));
}
