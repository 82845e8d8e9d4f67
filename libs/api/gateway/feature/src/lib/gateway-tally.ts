import type { GatewayFigures } from '@mcp-fleet/shared/contracts';

const WINDOW = 2000;

/** The gateway's own figures for the console since this replica started: counts, and latency over the last requests. */
export class GatewayTally {
  private requests = 0;
  private errors = 0;
  private readonly byServer = new Map<string, { requests: number; errors: number }>();
  private readonly durations: number[] = [];
  private next = 0;

  record(serverName: string, failed: boolean, ms: number): void {
    this.requests += 1;
    this.errors += failed ? 1 : 0;
    if (serverName !== '-') {
      const tally = this.byServer.get(serverName) ?? { requests: 0, errors: 0 };
      tally.requests += 1;
      tally.errors += failed ? 1 : 0;
      this.byServer.set(serverName, tally);
    }
    if (this.durations.length < WINDOW) {
      this.durations.push(ms);
    } else {
      this.durations[this.next] = ms;
      this.next = (this.next + 1) % WINDOW;
    }
  }

  figures(activeSessions: number): GatewayFigures {
    const sorted = [...this.durations].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted.length === 0 ? null : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
    return {
      requests: this.requests,
      errors: this.errors,
      activeSessions,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      byServer: [...this.byServer].map(([serverName, tally]) => ({ serverName, ...tally })).sort((a, b) => b.requests - a.requests),
    };
  }
}
