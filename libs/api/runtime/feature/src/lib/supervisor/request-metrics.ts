interface Tally {
  requests: number;
  errors: number;
  totalMs: number;
}

/**
 * Tool calls counted in memory and written in one UPDATE per server every few seconds: a busy
 * server's calls do not each rewrite its row (and empty the list cache).
 */
export class RequestMetrics {
  private tallies = new Map<string, Tally>();

  record(serverId: string, durationMs: number, failed: boolean): void {
    const tally = this.tallies.get(serverId) ?? { requests: 0, errors: 0, totalMs: 0 };
    tally.requests += 1;
    tally.errors += failed ? 1 : 0;
    tally.totalMs += durationMs;
    this.tallies.set(serverId, tally);
  }

  /** Hands over what was counted since the last call and starts afresh. */
  drain(): Map<string, Tally> {
    const drained = this.tallies;
    this.tallies = new Map();
    return drained;
  }
}
