import { rendezvousOwner, takeoverOwner } from './rendezvous';

const servers = Array.from({ length: 3000 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);

describe('rendezvousOwner', () => {
  it('gives every replica the same answer whatever the order of the list', () => {
    for (const id of servers.slice(0, 100)) {
      expect(rendezvousOwner(id, ['a', 'b', 'c'])).toBe(rendezvousOwner(id, ['c', 'a', 'b']));
    }
  });

  it('spreads servers over the replicas', () => {
    const counts = new Map<string, number>();
    for (const id of servers) {
      const owner = rendezvousOwner(id, ['ha-1', 'ha-2', 'ha-3']) as string;
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(800);
    }
  });

  it('moves only the servers of a replica that leaves', () => {
    for (const id of servers) {
      const before = rendezvousOwner(id, ['ha-1', 'ha-2', 'ha-3']);
      const after = rendezvousOwner(id, ['ha-1', 'ha-3']);
      if (before !== 'ha-2') {
        expect(after).toBe(before);
      }
    }
  });

  it('has no owner without live replicas', () => {
    expect(rendezvousOwner(servers[0], [])).toBeUndefined();
  });
});

describe('takeoverOwner', () => {
  it('never gives a lapsed lease back to the replica that let it lapse while another is live', () => {
    // The dead replica stays in the heartbeat list for a while after its leases expire: waiting
    // for it to drop out would add that while to every takeover.
    for (const id of servers.slice(0, 300)) {
      const lastOwner = rendezvousOwner(id, ['ha-1', 'ha-2', 'ha-3']) as string;
      const next = takeoverOwner(id, ['ha-1', 'ha-2', 'ha-3'], lastOwner);
      expect(next).not.toBe(lastOwner);
      expect(next).toBe(
        rendezvousOwner(
          id,
          ['ha-1', 'ha-2', 'ha-3'].filter((name) => name !== lastOwner),
        ),
      );
    }
  });

  it('gives it back to the last owner when it is the only live replica (a restarted single replica)', () => {
    expect(takeoverOwner(servers[0], ['solo'], 'solo')).toBe('solo');
  });

  it('places a server that never had an owner as a start would', () => {
    expect(takeoverOwner(servers[1], ['ha-1', 'ha-2'], null)).toBe(rendezvousOwner(servers[1], ['ha-1', 'ha-2']));
  });
});
