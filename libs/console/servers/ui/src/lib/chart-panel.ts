import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

import { rangeChoice } from '@mcp-fleet/console/servers/util';
import { ErrorState, LoadingState } from '@mcp-fleet/console/shared/ui';
import type { MetricRange } from '@mcp-fleet/shared/contracts';

import { type ChartSeries, MetricChart } from './metric-chart';
import { RangeToggle } from './range-toggle';

/** One chart of a panel: its title, unit and lines. */
export interface ChartView {
  title: string;
  unit: string;
  series: ChartSeries[];
}

/**
 * A card of charts over one time range, with the range toggle in its header: charts once
 * loaded, else the error (with Retry), else a loading state. The server's overview and the
 * dashboard's fleet activity both use it.
 */
@Component({
  selector: 'mf-chart-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MetricChart, RangeToggle, LoadingState, ErrorState],
  template: `
    <section class="mf-card" [attr.aria-labelledby]="headingId()">
      <header class="mf-chart-panel-header">
        <h2 [id]="headingId()">{{ heading() }}</h2>
        <mf-range-toggle [label]="rangeLabel()" [range]="range()" (changed)="rangeChanged.emit($event)" />
      </header>
      @if (loaded()) {
        <div class="mf-charts">
          @for (chart of charts(); track chart.title) {
            <mf-metric-chart [title]="chart.title" [unit]="chart.unit" [labels]="labels()" [series]="chart.series" [period]="period()" />
          }
        </div>
      } @else if (error(); as e) {
        <mf-error-state [message]="e.message" [code]="e.code" (retry)="retry.emit()" />
      } @else {
        <mf-loading-state [label]="loadingLabel()" />
      }
    </section>
  `,
  styles: `
    .mf-chart-panel-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
    }
    h2 {
      margin: 0;
    }
    .mf-charts {
      display: grid;
      gap: 1.25rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    }
  `,
})
export class ChartPanel {
  readonly headingId = input.required<string>();
  readonly heading = input.required<string>();
  readonly rangeLabel = input.required<string>();
  readonly loadingLabel = input.required<string>();
  readonly range = input.required<MetricRange>();
  readonly charts = input.required<ChartView[]>();
  readonly labels = input.required<string[]>();
  readonly loaded = input.required<boolean>();
  readonly error = input<{ message: string; code: string | null } | null>(null);

  readonly rangeChanged = output<MetricRange>();
  readonly retry = output<void>();

  protected readonly period = computed(() => rangeChoice(this.range()).period);
}
