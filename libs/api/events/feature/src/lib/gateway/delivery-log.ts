import type { FleetEvent } from '@mcp-fleet/shared/contracts';

/** How many delivered seqs a socket remembers, to never send one twice in a later resync. */
const REMEMBERED = 10_000;

/**
 * What one socket has been sent. Live events reach a socket in seq order, so anything at or
 * below `highWater` was either sent or filtered out already; `held` collects live events while
 * a replay from the store runs, so they can follow it in order.
 */
export class DeliveryLog {
  highWater = 0;
  held: FleetEvent[] | null = null;
  private readonly recent: number[] = [];

  delivered(seq: number): void {
    this.highWater = Math.max(this.highWater, seq);
    this.recent.push(seq);
    if (this.recent.length > REMEMBERED * 2) {
      this.recent.splice(0, this.recent.length - REMEMBERED);
    }
  }

  /** The seqs already sent (the most recent ones), for a replay to skip. */
  sent(): Set<number> {
    return new Set(this.recent);
  }
}
