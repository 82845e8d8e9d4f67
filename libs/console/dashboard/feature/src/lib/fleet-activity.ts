import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, Injector, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Subject } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { ChartPanel, type ChartView } from '@mcp-fleet/console/servers/ui';
import { bucketLabel, DEFAULT_RANGE, fillBuckets, pollByRange, rangeChoice } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { FleetMetricHistory, FleetMetricPoint, MetricRange } from '@mcp-fleet/shared/contracts';

/** Re-read every minute while shown. */
const REFRESH_MS = 60_000;

/**
 * The fleet over time, summed over every server (or a scoped token's): servers running and
 * unhealthy, tool calls and their errors, CPU and memory, over 1 h, 6 h, 24 h or 7 d.
 */
@Component({
  selector: 'mf-fleet-activity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartPanel],
  template: `
    <mf-chart-panel
      headingId="mf-activity-heading"
      rangeLabel="Time range of the fleet charts"
      loadingLabel="Loading fleet activity…"
      [heading]="'Fleet activity over ' + choice().period"
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
export class FleetActivity implements OnInit {
  private readonly api = inject(ServersApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly retries = new Subject<void>();

  protected readonly range = signal<MetricRange>(DEFAULT_RANGE);
  protected readonly choice = computed(() => rangeChoice(this.range()));
  protected readonly history = signal<FleetMetricHistory | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  /** Every bucket of the range, empty ones as gaps (nothing ran then), so the x axis is time. */
  private readonly buckets = computed(() => {
    const history = this.history();
    return history ? fillBuckets(history.points, history.from, history.to, history.stepSeconds) : { starts: [], points: [] };
  });
  protected readonly labels = computed(() => this.buckets().starts.map((start) => bucketLabel(start, this.range())));
  protected readonly charts = computed<ChartView[]>(() => {
    const points = this.buckets().points;
    const series = (pick: (point: FleetMetricPoint) => number | null) => points.map((point) => (point ? pick(point) : null));
    // Calls per bucket, scaled to a per-minute rate whatever step the API chose.
    const perMinute = 60 / (this.history()?.stepSeconds ?? 60);
    return [
      {
        title: 'Servers running',
        unit: 'servers',
        series: [
          { label: 'Running', values: series((p) => p.servers), color: 'var(--mf-ok)' },
          { label: 'Unhealthy', values: series((p) => p.unhealthy), color: 'var(--mf-bad)', dashed: true },
        ],
      },
      {
        title: 'Tool calls',
        unit: 'calls/min',
        series: [
          { label: 'Calls', values: series((p) => p.requests * perMinute), color: 'var(--mf-busy)' },
          { label: 'Errors', values: series((p) => p.errors * perMinute), color: 'var(--mf-bad)', dashed: true },
        ],
      },
      {
        title: 'CPU, all servers',
        unit: '% of a core',
        series: [{ label: 'CPU', values: series((p) => p.cpuPercent), color: 'var(--mat-sys-tertiary)' }],
      },
      {
        title: 'Memory, all servers',
        unit: 'MB',
        series: [{ label: 'Memory', values: series((p) => p.memoryMb), color: 'var(--mat-sys-primary)' }],
      },
    ];
  });

  ngOnInit(): void {
    pollByRange(
      toObservable(this.range, { injector: this.injector }),
      this.retries,
      (query) => this.api.fleetMetricsHistory(query),
      // A failed refresh keeps the charts already shown; the error shows only when there are none.
      (error) => {
        if (!this.history()) {
          this.error.set(toConsoleError(error));
        }
      },
      REFRESH_MS,
    )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((history) => {
        this.error.set(null);
        this.history.set(history);
      });
  }

  protected reload(): void {
    this.error.set(null);
    this.retries.next();
  }
}
