import { catchError, combineLatest, EMPTY, type Observable, startWith, switchMap, timer } from 'rxjs';

import { METRIC_RANGES, type MetricRange } from '@mcp-fleet/shared/contracts';

/** Buckets per chart, whatever the range: one a minute over an hour, one every 2.8 h over a week. */
const BUCKETS_PER_CHART = 60;

export interface RangeChoice {
  range: MetricRange;
  /** On the range buttons. */
  label: string;
  /** The charts' heading. */
  heading: string;
  /** For "No data in …". */
  period: string;
}

/** The ranges every chart offers (the server's and the fleet's): one list, one wording. */
export const RANGE_CHOICES: readonly RangeChoice[] = [
  { range: '1h', label: '1 h', heading: 'Last hour', period: 'the last hour' },
  { range: '6h', label: '6 h', heading: 'Last 6 hours', period: 'the last 6 hours' },
  { range: '24h', label: '24 h', heading: 'Last 24 hours', period: 'the last 24 hours' },
  { range: '7d', label: '7 d', heading: 'Last 7 days', period: 'the last 7 days' },
];

export const DEFAULT_RANGE: MetricRange = '1h';

export function rangeChoice(range: MetricRange): RangeChoice {
  return RANGE_CHOICES.find((choice) => choice.range === range) ?? RANGE_CHOICES[0];
}

/** What to ask the history API for: the range ending now, in BUCKETS_PER_CHART buckets. */
export function rangeQuery(range: MetricRange, now: number): { from: string; to: string; step: number } {
  const seconds = METRIC_RANGES[range];
  return {
    from: new Date(now - seconds * 1000).toISOString(),
    to: new Date(now).toISOString(),
    step: Math.max(60, Math.round(seconds / BUCKETS_PER_CHART)),
  };
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** A bucket's label on the x axis: the time of day, with the weekday once the range spans days. */
export function bucketLabel(start: string, range: MetricRange): string {
  return (METRIC_RANGES[range] > 86_400 ? dayAndTime : timeOfDay).format(new Date(start));
}

/**
 * A chart's data, read for the current range now and every `everyMs` after, again at once when
 * the range changes or a retry is asked. A failed read is handed to `failed` and skipped: the
 * charts already shown stay.
 */
export function pollByRange<T>(
  range$: Observable<MetricRange>,
  retries$: Observable<void>,
  read: (query: { from: string; to: string; step: number }) => Observable<T>,
  failed: (error: unknown) => void,
  everyMs = 60_000,
): Observable<T> {
  return combineLatest([range$, retries$.pipe(startWith(undefined))]).pipe(
    switchMap(([range]) => timer(0, everyMs).pipe(switchMap(() => [range]))),
    switchMap((range) =>
      read(rangeQuery(range, Date.now())).pipe(
        catchError((error: unknown) => {
          failed(error);
          return EMPTY;
        }),
      ),
    ),
  );
}
