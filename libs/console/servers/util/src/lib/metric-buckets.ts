/**
 * The history API answers only the buckets that have samples. A chart over time needs every
 * bucket of the range, empty ones as gaps, or a stopped hour would look like a straight line.
 */
export interface Bucketed<T> {
  /** Start of each bucket, ISO-8601. */
  starts: string[];
  /** The point of each bucket, or null where nothing was sampled. */
  points: (T | null)[];
}

/** Fits `points` (each starting a bucket at `at`) into consecutive buckets covering from..to. */
export function fillBuckets<T extends { at: string }>(points: readonly T[], from: string, to: string, stepSeconds: number): Bucketed<T> {
  const step = stepSeconds * 1000;
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (!(step > 0) || Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs <= fromMs) {
    return { starts: points.map((point) => point.at), points: [...points] };
  }
  // The API bins from `from` (date_bin with `from` as origin): bucket k starts at from + k * step.
  const first = fromMs;
  const count = Math.max(1, Math.ceil((toMs - first) / step));
  const slots: (T | null)[] = Array.from({ length: count }, () => null);
  for (const point of points) {
    const index = Math.floor((Date.parse(point.at) - first) / step);
    if (index >= 0 && index < count) {
      slots[index] = point;
    }
  }
  return { starts: slots.map((_, index) => new Date(first + index * step).toISOString()), points: slots };
}

/** Indexes of values with no neighbour on either side: a line cannot show them, a dot must. */
export function isolatedIndexes(values: readonly (number | null)[]): Set<number> {
  const isolated = new Set<number>();
  values.forEach((value, index) => {
    if (value !== null && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null) {
      isolated.add(index);
    }
  });
  return isolated;
}
