/**
 * Remembers the last seq delivered per channel, so a resubscription can resume after it and
 * anything delivered twice (a replay overlapping live events) is dropped. One event may reach
 * several channels with the same seq (`new_event` and `server_status_change`).
 */
export class SeqTracker {
  private readonly last = new Map<string, number>();

  /** True when this seq is new for the channel (and records it). */
  accept(channel: string, seq: number): boolean {
    const last = this.last.get(channel) ?? 0;
    if (seq <= last) {
      return false;
    }
    this.last.set(channel, seq);
    return true;
  }

  /**
   * The seq to resume after, or null before any event. The server delivers every channel of
   * one socket in commit order, so the highest seq seen on any channel is the watermark.
   */
  resumeFrom(): number | null {
    return this.last.size === 0 ? null : this.highest();
  }

  highest(): number {
    return Math.max(0, ...this.last.values());
  }
}
