import { io } from 'socket.io-client';

import { eventually } from '@mcp-fleet/api/shared/testing';
import { type FleetEvent, SOCKET_PATH } from '@mcp-fleet/shared/contracts';

import type { FleetSocket } from '../support/fleet-socket';
import { useRestartableApi } from '../support/restartable-api';

describe('live events across replicas (two API processes, one database)', () => {
  const fleet = useRestartableApi();

  it('pushes to a socket on one replica, in order and without gaps, the events caused on another', async () => {
    const [a, b] = [await fleet.boot(), await fleet.boot()];
    const token = (
      await b.post<{ accessToken: string }>('/api/auth/login', { email: 'admin@example.com', password: 'e2e-admin-password-1' })
    ).body.accessToken;
    const socket: FleetSocket = io(b.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    const heard: FleetEvent[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      socket.on('new_event', (event) => heard.push(event));
      const confirmed = new Promise((resolve) => socket.once('subscription_confirmed', resolve));
      socket.emit('subscribe', { events: ['new_event'] });
      await confirmed;

      const names = Array.from({ length: 20 }, (_, n) => `made-on-a-${n}`);
      for (const name of names) {
        expect((await a.post('/api/mcp/servers', { name, transport: 'stdio', config: { command: 'node' } })).status).toBe(201);
      }

      const registered = await eventually(() => {
        const got = heard.filter((e) => e.type === 'server.registered');
        return got.length >= names.length ? got : undefined;
      }, 'the events of A on a socket of B');
      expect(registered.map((e) => e.serverName)).toEqual(names);
      const seqs = heard.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(new Set(registered.map((e) => e.instanceId)).size).toBe(1);
    } finally {
      socket.disconnect();
    }
  });
});
