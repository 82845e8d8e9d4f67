import { createHash } from 'node:crypto';

/**
 * Rendezvous (highest random weight) hashing: the instance that should own a server among the
 * live ones. Every replica computes the same answer from the same list; a replica joining or
 * leaving moves only the servers it wins or held.
 */
export function rendezvousOwner(serverId: string, instanceIds: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = '';
  for (const instanceId of instanceIds) {
    const weight = createHash('sha256').update(`${serverId}\n${instanceId}`).digest('hex');
    if (best === undefined || weight > bestWeight) {
      best = instanceId;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * The replica that takes over a server whose lease lapsed: placement among the live replicas
 * other than the one that let it lapse. That one may still look live (its heartbeat row outlives
 * its leases for a while), and waiting for it to drop out would lengthen every takeover.
 */
export function takeoverOwner(serverId: string, live: readonly string[], lastOwner: string | null): string | undefined {
  const others = live.filter((instanceId) => instanceId !== lastOwner);
  return rendezvousOwner(serverId, others.length > 0 ? others : live);
}
