import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { startRecord } from '@mcp-fleet/console/servers/util';
import { duration, RelativeTimePipe } from '@mcp-fleet/console/shared/ui';
import type { McpServer } from '@mcp-fleet/shared/contracts';

interface MetricRow {
  label: string;
  value: string;
}

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

function known(value: number | null | undefined, format: (value: number) => string): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : format(value);
}

/** The counters kept for the server: uptime, resources of its process tree, tool calls, restarts. */
@Component({
  selector: 'mf-server-metrics-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RelativeTimePipe],
  template: `
    <section class="mf-card" aria-labelledby="mf-metrics-heading">
      <h2 id="mf-metrics-heading">Metrics</h2>
      <dl class="mf-facts">
        @for (row of rows(); track row.label) {
          <dt>{{ row.label }}</dt>
          <dd>{{ row.value }}</dd>
        }
        <dt>Last started</dt>
        <dd>
          @if (record(); as text) {
            {{ text }}
          } @else if (server().metrics.lastStartedAt; as at) {
            <time [attr.datetime]="at" [title]="at">{{ at | relativeTime }}</time>
          }
        </dd>
      </dl>
    </section>
  `,
  styleUrl: './overview-card.scss',
})
export class ServerMetricsCard {
  readonly server = input.required<McpServer>();

  /** "Never started", "Failed to start 3 times", or null: the last start worked (its time is shown). */
  protected readonly record = computed(() => startRecord(this.server()));

  protected readonly rows = computed<MetricRow[]>(() => {
    const metrics = this.server().metrics;
    return [
      { label: 'Uptime', value: duration(metrics.uptimeSeconds) },
      { label: 'Memory', value: known(metrics.memoryUsageMb, (mb) => `${decimal.format(mb)} MB`) },
      { label: 'CPU', value: known(metrics.cpuUsagePercent, (cpu) => `${decimal.format(cpu)} %`) },
      { label: 'Requests', value: whole.format(metrics.requestCount) },
      { label: 'Errors', value: whole.format(metrics.errorCount) },
      { label: 'Success rate', value: known(metrics.successRate, (rate) => percent.format(rate)) },
      { label: 'Avg response time', value: known(metrics.averageResponseTimeMs, (ms) => `${whole.format(ms)} ms`) },
      { label: 'Restarts', value: whole.format(metrics.restartCount) },
    ];
  });
}
