import type { GatewayFigures } from '@mcp-fleet/shared/contracts';

/** Errors as a share of requests, for people: "0.4 %", "—" before any request. */
export function errorRate(figures: Pick<GatewayFigures, 'requests' | 'errors'>): string {
  if (figures.requests === 0) {
    return '—';
  }
  const percent = (figures.errors / figures.requests) * 100;
  if (percent === 0) {
    return '0 %';
  }
  return `${percent < 1 ? percent.toFixed(1) : percent < 10 ? percent.toFixed(1).replace(/\.0$/, '') : Math.round(percent)} %`;
}

/** A latency in ms for people: "0.8 ms", "12 ms", "1.4 s", "—" when there is none yet. */
export function latency(ms: number | null): string {
  if (ms === null) {
    return '—';
  }
  if (ms < 10) {
    return `${Math.round(ms * 10) / 10} ms`;
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  return `${Math.round(ms / 100) / 10} s`;
}

/** The busiest servers first, then by name: the table reads like a leaderboard. */
export function byTraffic(rows: GatewayFigures['byServer']): GatewayFigures['byServer'] {
  return [...rows].sort((a, b) => b.requests - a.requests || a.serverName.localeCompare(b.serverName));
}
