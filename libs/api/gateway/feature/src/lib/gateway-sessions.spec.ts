import { KeyRing } from '@mcp-fleet/api/shared/config';
import type { Principal } from '@mcp-fleet/shared/contracts';

import { GatewaySessions } from './gateway-sessions';

const alice: Principal = { kind: 'token', id: 'alice', name: 'alice', role: null, permissions: ['mcp:call_tools'] };
const bob: Principal = { ...alice, id: 'bob', name: 'bob' };

describe('gateway session ids', () => {
  const keys = (secret: string) => ({ jwtSecret: secret }) as unknown as KeyRing;
  const replicaA = new GatewaySessions(keys('one shared secret of the replicas, long enough'));
  const replicaB = new GatewaySessions(keys('one shared secret of the replicas, long enough'));
  const stranger = new GatewaySessions(keys('another deployment entirely, with its own key'));
  afterAll(() => [replicaA, replicaB, stranger].forEach((sessions) => sessions.onModuleDestroy()));

  it('is accepted by every replica of the deployment, for the principal that opened it only', () => {
    const id = replicaA.open(alice, '2025-06-18');

    expect(replicaB.verify(id, alice)).toEqual({ principal: 'token:alice', protocolVersion: '2025-06-18' });
    expect(replicaB.verify(id, bob)).toBeUndefined();
    expect(replicaA.verify(id, bob)).toBeUndefined();
    expect(stranger.verify(id, alice)).toBeUndefined();
  });

  it('refuses a forged or altered id, and an ended one where it was ended', () => {
    const id = replicaA.open(alice, '2025-11-25');
    const [body, signature] = id.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 'token:bob', v: '2025-11-25', n: 'x' })).toString('base64url')}.${signature}`;

    expect(replicaA.verify(`${body}.${signature.slice(1)}x`, alice)).toBeUndefined();
    expect(replicaB.verify(forged, bob)).toBeUndefined();
    expect(replicaA.verify('not-a-session', alice)).toBeUndefined();
    replicaA.end(id);
    expect(replicaA.verify(id, alice)).toBeUndefined();
  });
});
