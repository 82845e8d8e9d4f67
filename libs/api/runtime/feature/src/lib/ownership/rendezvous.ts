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
