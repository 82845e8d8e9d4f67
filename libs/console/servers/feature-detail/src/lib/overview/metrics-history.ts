import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, Injector, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Subject } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { ChartPanel, type ChartView } from '@mcp-fleet/console/servers/ui';
import { bucketLabel, DEFAULT_RANGE, fillBuckets, pollByRange, rangeChoice } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { MetricHistory, MetricPoint, MetricRange } from '@mcp-fleet/shared/contracts';

/** Re-read every minute while shown. */
const REFRESH_MS = 60_000;

/** Probe latency, CPU, memory and request rate over a range (1 h, 6 h, 24 h or 7 d). */
@Component({
  selector: 'mf-metrics-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartPanel],
  template: `
    <mf-chart-panel
      headingId="mf-history-heading"
      rangeLabel="Time range of the charts"
      loadingLabel="Loading metrics…"
      [heading]="choice().heading"
      [range]="range()"
      [charts]="charts()"
      [labels]="labels()"
      [loaded]="history() !== null"
      [error]="error()"
      (rangeChanged)="range.set($event)"
      (retry)="reload()"
    />
  `,
})
export class MetricsHistory implements OnInit {
  private readonly api = inject(ServersApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  readonly serverId = input.required<string>();

  protected readonly range = signal<MetricRange>(DEFAULT_RANGE);
  protected readonly choice = computed(() => rangeChoice(this.range()));
  protected readonly history = signal<MetricHistory | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  /** Every bucket of the hour, empty ones as gaps, so the x axis is time. */
  private readonly buckets = computed(() => {
    const history = this.history();
    return history ? fillBuckets(history.points, history.from, history.to, history.stepSeconds) : { starts: [], points: [] };
  });
  protected readonly labels = computed(() => this.buckets().starts.map((start) => bucketLabel(start, this.range())));
  protected readonly charts = computed<ChartView[]>(() => {
    const points = this.buckets().points;
    const series = (pick: (point: MetricPoint) => number | null) => points.map((point) => (point ? pick(point) : null));
    // Requests per bucket, scaled to a per-minute rate whatever step the API chose.
    const perMinute = 60 / (this.history()?.stepSeconds ?? 60);
    return [
      {
        title: 'Probe latency',
        unit: 'ms',
        series: [{ label: 'Latency', values: series((p) => p.probeLatencyMs), color: 'var(--mat-sys-primary)' }],
      },
      {
        title: 'CPU',
        unit: '% of a core',
        series: [{ label: 'CPU', values: series((p) => p.cpuPercent), color: 'var(--mat-sys-tertiary)' }],
      },
      { title: 'Memory', unit: 'MB', series: [{ label: 'Memory', values: series((p) => p.memoryMb), color: 'var(--mf-ok)' }] },
      {
        title: 'Requests per minute',
        unit: 'calls/min',
        series: [
          { label: 'Requests', values: series((p) => p.requests * perMinute), color: 'var(--mf-busy)' },
          { label: 'Errors', values: series((p) => p.errors * perMinute), color: 'var(--mf-bad)', dashed: true },
        ],
      },
    ];
  });

  private readonly retries = new Subject<void>();

  ngOnInit(): void {
    pollByRange(
      toObservable(this.range, { injector: this.injector }),
      this.retries,
      (query) => this.api.metricsHistory(this.serverId(), query),
      // A failed refresh keeps the charts already shown; the error shows only when there are none.
      (error) => {
        if (!this.history()) {
          this.error.set(toConsoleError(error));
        }
      },
      REFRESH_MS,
    )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((history) => this.history.set(history));
  }

  protected reload(): void {
    this.error.set(null);
    this.retries.next();
  }
}
