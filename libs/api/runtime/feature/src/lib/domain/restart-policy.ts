export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A run this long resets the backoff. */
  stableAfterMs: number;
  /** Unexpected exits tolerated within `windowMs`; one more is a crash loop. */
  maxRestarts: number;
  windowMs: number;
  /** ± fraction of the delay, so servers that crashed together do not restart together. */
  jitter: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  stableAfterMs: 600_000,
  maxRestarts: 5,
  windowMs: 600_000,
  jitter: 0.2,
};

export type RestartDecision = { action: 'restart'; delayMs: number; attempt: number } | { action: 'give_up'; crashes: number };

/**
 * Exponential backoff with jitter (1 s doubling to 60 s), reset after a stable run, and
 * crash-loop detection: more than `maxRestarts` unexpected exits within the window gives up.
 */
export class RestartPolicy {
  private attempt = 0;
  private crashes: number[] = [];

  constructor(
    private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY,
    private readonly random: () => number = Math.random,
  ) {}

  onUnexpectedExit(now: number, uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.options.stableAfterMs) {
      this.attempt = 0;
    }
    this.crashes = this.crashes.filter((at) => now - at < this.options.windowMs);
    this.crashes.push(now);
    if (this.crashes.length > this.options.maxRestarts) {
      return { action: 'give_up', crashes: this.crashes.length };
    }
    const base = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** this.attempt);
    const jittered = base * (1 + this.options.jitter * (this.random() * 2 - 1));
    this.attempt += 1;
    return { action: 'restart', delayMs: Math.round(Math.min(this.options.maxDelayMs, jittered)), attempt: this.attempt };
  }

  /** An operator acted (start, restart): the slate is clean. */
  reset(): void {
    this.attempt = 0;
    this.crashes = [];
  }
}
