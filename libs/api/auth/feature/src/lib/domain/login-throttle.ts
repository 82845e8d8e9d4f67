/*
 * Failed sign-ins are throttled the way OWASP recommends, not by locking accounts: a lock per
 * account lets anyone lock its owner out, and a low limit per address locks out everyone behind
 * the same NAT or proxy. So the guesses of one address at one account meet growing delays, and
 * an address is stopped only at a limit high enough for a NAT that still catches one address
 * spraying many accounts. An owner signing in from another address is never held back.
 */

export interface LoginLimits {
  /** Failures of one (account, address) pair inside the window before the delays start. */
  maxFailuresPerPair: number;
  /** Failures from one address inside the window, whatever the accounts, before it is stopped. */
  maxFailuresPerAddress: number;
  windowMs: number;
}

/** Failures inside the window, as the database holds them. */
export interface RecentFailures {
  pair: { count: number; latest: Date | null };
  address: { count: number; oldest: Date | null };
}

const FIRST_DELAY_MS = 1000;

/** The delay a pair owes after `failures` failures: none up to the limit, then 1 s doubling, capped at the window. */
export function pairDelayMs(failures: number, limits: LoginLimits): number {
  const beyond = failures - limits.maxFailuresPerPair;
  if (beyond < 0) {
    return 0;
  }
  // 2^31 s is far past any window: the cap keeps the power finite.
  return Math.min(limits.windowMs, FIRST_DELAY_MS * 2 ** Math.min(beyond, 31));
}

/** How long an attempt made at `now` must wait; 0 lets it through. */
export function loginWaitMs(recent: RecentFailures, now: Date, limits: LoginLimits): number {
  const waits = [0];
  if (recent.pair.latest) {
    waits.push(recent.pair.latest.getTime() + pairDelayMs(recent.pair.count, limits) - now.getTime());
  }
  if (recent.address.oldest && recent.address.count >= limits.maxFailuresPerAddress) {
    waits.push(recent.address.oldest.getTime() + limits.windowMs - now.getTime());
  }
  return Math.max(...waits);
}

/** The Retry-After header counts whole seconds: rounded up, so a client that waits it is let through. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
