import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { catchError, EMPTY, startWith, Subject, switchMap, timer } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { fillBuckets } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState, LoadingState } from '@mcp-fleet/console/shared/ui';
import type { MetricHistory, MetricPoint } from '@mcp-fleet/shared/contracts';

import { type ChartSeries, MetricChart } from './metric-chart';

/** One bucket a minute over the last hour, re-read every minute while shown. */
const STEP_SECONDS = 60;
const REFRESH_MS = 60_000;

const timeLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

interface ChartView {
  title: string;
  unit: string;
  series: ChartSeries[];
}

/** Probe latency, CPU, memory and request rate over the last hour. */
@Component({
  selector: 'mf-metrics-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MetricChart, LoadingState, ErrorState],
  template: `
    <section class="mf-card" aria-labelledby="mf-history-heading">
      <h2 id="mf-history-heading">Last hour</h2>
      @if (history()) {
        <div class="mf-charts">
          @for (chart of charts(); track chart.title) {
            <mf-metric-chart [title]="chart.title" [unit]="chart.unit" [labels]="labels()" [series]="chart.series" />
          }
        </div>
      } @else if (error(); as e) {
        <mf-error-state [message]="e.message" [code]="e.code" (retry)="reload()" />
      } @else {
        <mf-loading-state label="Loading metrics…" />
      }
    </section>
  `,
  styles: `
    h2 {
      margin-bottom: 0.75rem;
    }
    .mf-charts {
      display: grid;
      gap: 1.25rem;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    }
  `,
})
export class MetricsHistory implements OnInit {
  private readonly api = inject(ServersApi);
  private readonly destroyRef = inject(DestroyRef);
  readonly serverId = input.required<string>();

  protected readonly history = signal<MetricHistory | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  /** Every bucket of the hour, empty ones as gaps, so the x axis is time. */
  private readonly buckets = computed(() => {
    const history = this.history();
    return history ? fillBuckets(history.points, history.from, history.to, history.stepSeconds) : { starts: [], points: [] };
  });
  protected readonly labels = computed(() => this.buckets().starts.map((start) => timeLabel.format(new Date(start))));
  protected readonly charts = computed<ChartView[]>(() => {
    const points = this.buckets().points;
    const series = (pick: (point: MetricPoint) => number | null) => points.map((point) => (point ? pick(point) : null));
    // Requests per bucket, scaled to a per-minute rate whatever step the API chose.
    const perMinute = 60 / (this.history()?.stepSeconds ?? STEP_SECONDS);
    return [
      {
        title: 'Probe latency',
        unit: 'ms',
        series: [{ label: 'Latency', values: series((p) => p.probeLatencyMs), color: 'var(--mat-sys-primary)' }],
      },
      { title: 'CPU', unit: '%', series: [{ label: 'CPU', values: series((p) => p.cpuPercent), color: 'var(--mat-sys-tertiary)' }] },
      { title: 'Memory', unit: 'MB', series: [{ label: 'Memory', values: series((p) => p.memoryMb), color: 'var(--mf-ok)' }] },
      {
        title: 'Requests per minute',
        unit: 'per min',
        series: [
          { label: 'Requests', values: series((p) => p.requests * perMinute), color: 'var(--mf-busy)' },
          { label: 'Errors', values: series((p) => p.errors * perMinute), color: 'var(--mf-bad)', dashed: true },
        ],
      },
    ];
  });

  private readonly retries = new Subject<void>();

  ngOnInit(): void {
    this.retries
      .pipe(
        startWith(undefined),
        switchMap(() => timer(0, REFRESH_MS)),
        switchMap(() =>
          this.api.metricsHistory(this.serverId(), { step: STEP_SECONDS }).pipe(
            catchError((error: unknown) => {
              // A failed refresh keeps the chart already shown; the error shows only when there is none.
              if (!this.history()) {
                this.error.set(toConsoleError(error));
              }
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((history) => this.history.set(history));
  }

  protected reload(): void {
    this.error.set(null);
    this.retries.next();
  }
}
