import type { CpuShares } from './cpu';
import type { IngestRunResult } from './ingest';
import { roundFigure, roundSummary, summarizeLatency } from './stats';

/** Per event n: when it was due, when append() was called, when it committed (NaN if never); performance.now() ms. */
export interface Timeline {
  dueAt: Float64Array;
  appendedAt: Float64Array;
  committedAt: Float64Array;
  windowStart: number;
  windowEnd: number;
}

export function windowFigures(
  t: Timeline,
  extra: { batchSizes: number[]; loopDelayP99Ms: number; cpu: CpuShares },
): IngestRunResult['window'] {
  const fromAppend: number[] = [];
  const fromSchedule: number[] = [];
  let appended = 0;
  let committedInWindow = 0;
  let maxLag = 0;
  for (let n = 0; n < t.appendedAt.length; n++) {
    const committed = t.committedAt[n];
    if (committed >= t.windowStart && committed < t.windowEnd) {
      committedInWindow++;
    }
    if (t.appendedAt[n] < t.windowStart || t.appendedAt[n] >= t.windowEnd) {
      continue;
    }
    appended++;
    maxLag = Math.max(maxLag, t.appendedAt[n] - t.dueAt[n]);
    if (Number.isFinite(committed)) {
      fromAppend.push(committed - t.appendedAt[n]);
      fromSchedule.push(committed - t.dueAt[n]);
    }
  }
  const seconds = roundFigure((t.windowEnd - t.windowStart) / 1000);
  const rows = extra.batchSizes.reduce((sum, size) => sum + size, 0);
  return {
    seconds,
    appended,
    committed: committedInWindow,
    achievedPerSecond: Math.round(committedInWindow / seconds),
    commitLatencyMs: roundSummary(summarizeLatency(fromAppend)),
    fromScheduleLatencyMs: roundSummary(summarizeLatency(fromSchedule)),
    maxScheduleLagMs: roundFigure(maxLag),
    eventLoopDelayP99Ms: roundFigure(extra.loopDelayP99Ms),
    batches: {
      count: extra.batchSizes.length,
      meanRows: extra.batchSizes.length > 0 ? Math.round(rows / extra.batchSizes.length) : 0,
      maxRows: extra.batchSizes.reduce((max, size) => Math.max(max, size), 0),
    },
    cpu: extra.cpu,
  };
}

/**
 * Second by second through the window: commits in that second, and the p99 commit latency of
 * the events appended in it. Shows whether a bad p99 is steady or a few stalls.
 */
export function perSecond(t: Timeline): IngestRunResult['perSecond'] {
  const seconds = Math.round((t.windowEnd - t.windowStart) / 1000);
  const commits = new Array<number>(seconds).fill(0);
  const latencies = Array.from({ length: seconds }, () => [] as number[]);
  for (let n = 0; n < t.appendedAt.length; n++) {
    const committed = t.committedAt[n];
    const commitSecond = Math.floor((committed - t.windowStart) / 1000);
    if (commitSecond >= 0 && commitSecond < seconds) {
      commits[commitSecond]++;
    }
    const appendSecond = Math.floor((t.appendedAt[n] - t.windowStart) / 1000);
    if (appendSecond >= 0 && appendSecond < seconds && Number.isFinite(committed)) {
      latencies[appendSecond].push(committed - t.appendedAt[n]);
    }
  }
  return commits.map((committed, second) => ({ committed, p99Ms: roundFigure(summarizeLatency(latencies[second]).p99) }));
}

export function countFinite(values: Float64Array): number {
  let count = 0;
  for (const value of values) {
    count += Number.isFinite(value) ? 1 : 0;
  }
  return count;
}

export function maxFinite(values: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (Number.isFinite(value) && value > max) {
      max = value;
    }
  }
  return max;
}
