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
  /**
   * The cap of the delay for remote servers, which are retried forever: short enough that a
   * remote back from an outage runs again within seconds (one attempt is one HTTP request).
   */
  remoteMaxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  stableAfterMs: 600_000,
  maxRestarts: 5,
  windowMs: 600_000,
  jitter: 0.2,
  remoteMaxDelayMs: 20_000,
};

export type RestartDecision = { action: 'restart'; delayMs: number; attempt: number } | { action: 'give_up'; crashes: number };

/**
 * What a server's failures lead to. `process` (stdio): a process that keeps dying is broken, so
 * too many exits give up. `remote`: a remote server that is away is usually coming back (a
 * deploy, a network outage), and nothing of ours is left running while we wait, so it is
 * retried forever, with a shorter cap.
 */
export type RestartMode = 'process' | 'remote';

/**
 * Exponential backoff with jitter (1 s doubling to 60 s; 20 s for remotes), reset after a stable
 * run, and for processes crash-loop detection: more than `maxRestarts` unexpected exits within
 * the window gives up.
 */
export class RestartPolicy {
  private attempt = 0;
  private crashes: number[] = [];

  constructor(
    private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY,
    private readonly random: () => number = Math.random,
    readonly mode: RestartMode = 'process',
  ) {}

  onUnexpectedExit(now: number, uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.options.stableAfterMs) {
      this.attempt = 0;
    }
    if (this.mode === 'process') {
      this.crashes = this.crashes.filter((at) => now - at < this.options.windowMs);
      this.crashes.push(now);
      if (this.crashes.length > this.options.maxRestarts) {
        return { action: 'give_up', crashes: this.crashes.length };
      }
    }
    const cap = this.mode === 'remote' ? Math.min(this.options.maxDelayMs, this.options.remoteMaxDelayMs) : this.options.maxDelayMs;
    // The exponent stops growing at the cap: an outage of days neither overflows nor loses the jitter.
    const base = Math.min(cap, this.options.baseDelayMs * 2 ** Math.min(this.attempt, 30));
    const jittered = base * (1 + this.options.jitter * (this.random() * 2 - 1));
    this.attempt += 1;
    return { action: 'restart', delayMs: Math.round(Math.min(cap, jittered)), attempt: this.attempt };
  }

  /** An operator acted (start, restart): the slate is clean. */
  reset(): void {
    this.attempt = 0;
    this.crashes = [];
  }
}
