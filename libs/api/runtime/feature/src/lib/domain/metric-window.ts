import { validationFailed } from '@mcp-fleet/api/shared/errors';
import { METRICS_HISTORY_LIMITS as L } from '@mcp-fleet/shared/contracts';

export interface MetricWindow {
  from: Date;
  to: Date;
  stepSeconds: number;
}

/**
 * The window a chart asks for: `to` defaults to now, `from` to an hour before it; the step is
 * the one asked, raised so no more than METRICS_HISTORY_LIMITS.maxPoints buckets come back.
 */
export function metricWindow(from: string | undefined, to: string | undefined, stepSeconds: number | undefined): MetricWindow {
  const end = to ? new Date(to) : new Date();
  const start = from ? new Date(from) : new Date(end.getTime() - L.defaultRangeSeconds * 1000);
  if (start.getTime() >= end.getTime()) {
    throw validationFailed([{ field: 'to', messages: ['to must be later than from'] }]);
  }
  const rangeSeconds = (end.getTime() - start.getTime()) / 1000;
  return { from: start, to: end, stepSeconds: Math.max(stepSeconds ?? 0, L.minStepSeconds, Math.ceil(rangeSeconds / L.maxPoints)) };
}
