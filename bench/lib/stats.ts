export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Exact percentiles (nearest rank) of the samples, in the samples' unit. The benchmarks keep every
 * sample: at a few hundred thousand values a sort costs less than a histogram's rounding would hide.
 */
export function summarizeLatency(samples: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const count = sorted.length;
  if (count === 0) {
    return { count: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  }
  const rank = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))];
  let sum = 0;
  for (const value of sorted) {
    sum += value;
  }
  return { count, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[count - 1], mean: sum / count };
}

/** Rounds to 0.1 (or to an integer from 100 up), for figures that are read rather than computed with. */
export function roundFigure(value: number): number {
  if (!Number.isFinite(value)) {
    return value;
  }
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}

export function roundSummary(summary: LatencySummary): LatencySummary {
  return {
    count: summary.count,
    p50: roundFigure(summary.p50),
    p95: roundFigure(summary.p95),
    p99: roundFigure(summary.p99),
    max: roundFigure(summary.max),
    mean: roundFigure(summary.mean),
  };
}
