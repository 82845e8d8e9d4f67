import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, Injector, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { catchError, combineLatest, EMPTY, startWith, Subject, switchMap, timer } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type ChartSeries, MetricChart, RangeToggle } from '@mcp-fleet/console/servers/ui';
import { bucketLabel, DEFAULT_RANGE, fillBuckets, rangeChoice, rangeQuery } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { ErrorState, LoadingState } from '@mcp-fleet/console/shared/ui';
import type { FleetMetricHistory, FleetMetricPoint, MetricRange } from '@mcp-fleet/shared/contracts';

/** Re-read every minute while shown. */
const REFRESH_MS = 60_000;

interface ChartView {
  title: string;
  unit: string;
  series: ChartSeries[];
}

/**
 * The fleet over time, summed over every server (or a scoped token's): servers running, tool
 * calls and their errors, CPU and memory, over 1 h, 6 h, 24 h or 7 d.
 */
@Component({
  selector: 'mf-fleet-activity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MetricChart, RangeToggle, LoadingState, ErrorState],
  template: `
    <section class="mf-card mf-activity" aria-labelledby="mf-activity-heading">
      <header class="mf-activity-header">
        <h2 id="mf-activity-heading">Fleet activity over {{ choice().period }}</h2>
        <mf-range-toggle label="Time range of the fleet charts" [range]="range()" (changed)="range.set($event)" />
      </header>
      @if (history()) {
        <div class="mf-charts">
          @for (chart of charts(); track chart.title) {
            <mf-metric-chart
              [title]="chart.title"
              [unit]="chart.unit"
              [labels]="labels()"
              [series]="chart.series"
              [period]="choice().period"
            />
          }
        </div>
      } @else if (error(); as e) {
        <mf-error-state [message]="e.message" [code]="e.code" (retry)="reload()" />
      } @else {
        <mf-loading-state label="Loading fleet activity…" />
      }
    </section>
  `,
  styles: `
    .mf-activity-header {
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
        series: [{ label: 'Running', values: series((p) => p.servers), color: 'var(--mf-ok)' }],
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
    combineLatest([toObservable(this.range, { injector: this.injector }), this.retries.pipe(startWith(undefined))])
      .pipe(
        switchMap(([range]) => timer(0, REFRESH_MS).pipe(switchMap(() => [range]))),
        switchMap((range) =>
          this.api.fleetMetricsHistory(rangeQuery(range, Date.now())).pipe(
            catchError((error: unknown) => {
              // A failed refresh keeps the charts already shown; the error shows only when there are none.
              if (!this.history()) {
                this.error.set(toConsoleError(error));
              }
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
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
