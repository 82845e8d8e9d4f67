import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

import type { McpServer, ServerHealth } from '@mcp-fleet/shared/contracts';

import { MetricsHistory } from './metrics-history';
import { ServerConfigCard } from './server-config-card';
import { ServerFailureCard } from './server-failure-card';
import { ServerHealthCard } from './server-health-card';
import { ServerMetricsCard } from './server-metrics-card';

/**
 * The Overview tab: a failure first while the server is in error (why, without a click), then
 * health and metrics (what an operator checks), a past failure, charts and config.
 */
@Component({
  selector: 'mf-server-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ServerConfigCard, ServerFailureCard, ServerHealthCard, ServerMetricsCard, MetricsHistory],
  template: `
    <div class="mf-overview">
      @if (server().state === 'error') {
        <mf-server-failure-card class="mf-wide" [server]="server()" />
      }
      <mf-server-health-card [server]="server()" (checked)="healthChecked.emit($event)" />
      <mf-server-metrics-card [server]="server()" />
      @if (server().state !== 'error') {
        <mf-server-failure-card [server]="server()" />
      }
      <mf-metrics-history class="mf-wide" [serverId]="server().id" />
      <mf-server-config-card class="mf-wide" [server]="server()" />
    </div>
  `,
  styles: `
    .mf-overview {
      display: grid;
      gap: var(--mf-gap);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
      padding-top: 1rem;
    }
    .mf-wide {
      grid-column: 1 / -1;
    }
  `,
})
export class ServerOverview {
  readonly server = input.required<McpServer>();
  readonly healthChecked = output<ServerHealth>();
}
