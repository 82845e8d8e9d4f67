import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  type ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

import { isolatedIndexes, seriesSummary } from '@mcp-fleet/console/servers/util';

// Only what a line chart on a category axis needs, so the rest of chart.js is tree-shaken away.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS colour, usually a custom property (`var(--mat-sys-primary)`), resolved at draw time. */
  color: string;
  /** Drawn dashed, so the second series differs by more than its colour. */
  dashed?: boolean;
}

let nextId = 0;

/**
 * One small line chart, its unit in the caption and on the y axis. Colours come from the theme's
 * custom properties, read when drawing and drawn again when the theme changes (an attribute of
 * <html>) or, for "system", the OS scheme. The canvas carries a summary for screen readers; with
 * no data it is not drawn at all.
 */
@Component({
  selector: 'mf-metric-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="mf-chart">
      <figcaption [id]="captionId">
        {{ title() }} <span class="mf-chart-unit">({{ unit() }})</span>
      </figcaption>
      <span #probe class="mf-chart-probe" aria-hidden="true"></span>
      @if (hasData()) {
        <div class="mf-chart-canvas">
          <canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>
        </div>
      } @else {
        <p class="mf-chart-empty mf-muted">No data in {{ period() }}.</p>
      }
    </figure>
  `,
  styleUrl: './metric-chart.scss',
})
export class MetricChart {
  private readonly document = inject(DOCUMENT);
  private chart: Chart<'line'> | null = null;
  private readonly schemeChanges = signal(0);

  readonly title = input.required<string>();
  readonly unit = input.required<string>();
  readonly labels = input.required<string[]>();
  readonly series = input.required<ChartSeries[]>();
  /** What the chart covers, for "No data in …". */
  readonly period = input('the last hour');

  protected readonly captionId = `mf-chart-${nextId++}`;
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly probe = viewChild.required<ElementRef<HTMLElement>>('probe');

  protected readonly hasData = computed(() => this.series().some((series) => series.values.some((value) => value !== null)));
  protected readonly summary = computed(() =>
    this.series()
      .map((series) => seriesSummary(series.label, series.values, this.unit()))
      .join(' '),
  );

  constructor() {
    // "system" follows the OS: a scheme switch there must recolour the chart too.
    const media = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
    const onSchemeChange = () => this.schemeChanges.update((count) => count + 1);
    media?.addEventListener('change', onSchemeChange);
    // The console's theme switch marks <html> (class, style or data attribute): redraw then.
    const root = this.document.documentElement;
    const themeChanges = typeof MutationObserver === 'undefined' ? null : new MutationObserver(onSchemeChange);
    themeChanges?.observe(root, { attributes: true });
    inject(DestroyRef).onDestroy(() => {
      media?.removeEventListener('change', onSchemeChange);
      themeChanges?.disconnect();
      this.chart?.destroy();
      this.chart = null;
    });

    // After render, so a new color-scheme on <html> is already applied when colours are read.
    afterRenderEffect({
      write: () => {
        this.schemeChanges();
        this.draw(this.canvas()?.nativeElement ?? null, this.labels(), this.series());
      },
    });
  }

  private draw(canvas: HTMLCanvasElement | null, labels: string[], series: ChartSeries[]): void {
    if (this.chart && this.chart.canvas !== canvas) {
      this.chart.destroy();
      this.chart = null;
    }
    if (!canvas) {
      return;
    }
    const text = this.resolve('var(--mat-sys-on-surface-variant)');
    const grid = this.resolve('var(--mat-sys-outline-variant)');
    const datasets = series.map((item) => {
      const color = this.resolve(item.color);
      const isolated = isolatedIndexes(item.values);
      return {
        label: item.label,
        data: item.values,
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
        borderDash: item.dashed ? [6, 4] : [],
        // A line needs two neighbours; a lone sample (a server just started) shows as a dot.
        pointRadius: item.values.map((_, at) => (isolated.has(at) ? 3 : 0)),
        pointHitRadius: 8,
        fill: false,
        spanGaps: false,
        tension: 0.2,
      };
    });
    const config: ChartConfiguration<'line'> = {
      type: 'line',
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: series.length > 1, labels: { color: text, boxHeight: 2, usePointStyle: false } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue} ${this.unit()}` } },
        },
        scales: {
          x: { ticks: { color: text, maxTicksLimit: 6, maxRotation: 0 }, grid: { color: grid } },
          y: {
            beginAtZero: true,
            ticks: { color: text, maxTicksLimit: 5 },
            grid: { color: grid },
            title: { display: true, text: this.unit(), color: text },
          },
        },
      },
    };
    if (this.chart) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update('none');
    } else {
      this.chart = new Chart(canvas, config);
    }
  }

  /** A CSS colour (custom properties and light-dark() included) as the rgb() the canvas understands. */
  private resolve(color: string): string {
    const probe = this.probe().nativeElement;
    probe.style.color = color;
    return getComputedStyle(probe).color;
  }
}
