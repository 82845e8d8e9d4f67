/**
 * The timing chain of several replicas (docs/ha.md): renewal < self-fence < lease TTL < takeover.
 * A replica renews its leases and heartbeat every RENEW_MS. After each renewal its watchdog is
 * given FENCE_AFTER_MS from the moment the renewal was sent: with no newer renewal by then,
 * every server process is sent SIGTERM, and SIGKILL KILL_GRACE_MS later, so all of them are gone
 * before the lease can expire (LEASE_TTL_MS after the renewal reached the database). The others
 * scan for servers without a live lease every SCAN_MS and take them over.
 */
export const RENEW_MS = 1500;
export const FENCE_AFTER_MS = 5000;
export const KILL_GRACE_MS = 1500;
export const LEASE_TTL_MS = 8000;
export const SCAN_MS = 1000;
/** A replica whose heartbeat is older than this is not live (placement ignores it). */
export const INSTANCE_LIVE_MS = 10_000;
/** The heartbeat row of a replica silent this long is deleted. */
export const INSTANCE_FORGET_MS = 24 * 3600_000;

// The chain, checked where it is written.
if (!(RENEW_MS < FENCE_AFTER_MS && FENCE_AFTER_MS + KILL_GRACE_MS < LEASE_TTL_MS)) {
  throw new Error('The HA timing chain is broken: renewal < self-fence + kill grace < lease TTL');
}
