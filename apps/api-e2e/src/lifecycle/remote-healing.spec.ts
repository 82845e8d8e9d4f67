import { CuttableProxy, eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, FleetEvent, McpServer } from '@mcp-fleet/shared/contracts';

import { commandOk, getServer, registerRemote, serverEvents, sleep, startOk } from '../support/mcp-runtime';
import { type RestartableRemote, sessionCounts, startRestartableRemote } from '../support/remote-fixtures';

/**
 * Remote servers heal by themselves: lost sessions are renewed, sessions are ended with DELETE,
 * a killed remote is noticed at once (server.disconnected) and every remote that should run is
 * retried until it is back, however long it was away.
 */
describe('remote servers heal by themselves', () => {
  const api = useApi();

  const echo = (server: McpServer, text: string) =>
    api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { text } });
  const ofType = (events: FleetEvent[], type: string) => events.filter((e) => e.type === type);
  const started = async (server: McpServer) => ofType(await serverEvents(api, server.id, 'server.started'), 'server.started');
  const runningAgain = (server: McpServer, timeoutMs: number) =>
    eventually(async () => (await getServer(api, server.id)).state === 'running', `${server.name} running again`, {
      timeoutMs,
      intervalMs: 100,
    });

  const firstDisconnect = async (server: McpServer) => {
    const [disconnected] = await eventually(
      async () => {
        const events = ofType(await serverEvents(api, server.id, 'server.disconnected'), 'server.disconnected');
        return events.length > 0 ? events : undefined;
      },
      'server.disconnected',
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    return disconnected;
  };

  describe('a stateful Streamable HTTP server (2025 sessions)', () => {
    let remote: RestartableRemote;

    beforeAll(async () => {
      remote = await startRestartableRemote('session-server.mjs');
    });

    afterAll(async () => {
      await remote?.stop();
    });

    it('renews an expired session: the next tool call succeeds with a new session, in the same run', async () => {
      const server = await registerRemote(api, 'session-expiry', remote.url);
      await startOk(api, server.id);
      expect((await echo(server, 'before')).status).toBe(200);
      const before = await sessionCounts(remote);

      const forgot = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/forget_sessions/call`, { arguments: {} });
      expect(forgot.status).toBe(200);
      const after = await echo(server, 'after expiry');

      expect(after.status).toBe(200);
      expect(JSON.stringify(after.body)).toContain('after expiry');
      const counts = await sessionCounts(remote);
      expect(counts.opened).toBe(before.opened + 1);
      expect(counts.live).toBe(1);
      expect(await started(server)).toHaveLength(1);
      expect((await getServer(api, server.id)).state).toBe('running');
      await commandOk(api, server.id, 'stop');
    }, 60_000);

    it('renews the session after a backend restart: the next tool call succeeds, in the same run', async () => {
      const server = await registerRemote(api, 'backend-restart', remote.url);
      await startOk(api, server.id);
      expect((await echo(server, 'before')).status).toBe(200);

      await remote.restart();
      const after = await echo(server, 'after restart');

      expect(after.status).toBe(200);
      expect(JSON.stringify(after.body)).toContain('after restart');
      expect((await sessionCounts(remote)).live).toBe(1);
      expect(await started(server)).toHaveLength(1);
      expect(ofType(await serverEvents(api, server.id), 'server.disconnected')).toEqual([]);
      await commandOk(api, server.id, 'stop');
    }, 60_000);

    it('ends its session with DELETE at every stop and restart: no session is left behind', async () => {
      const server = await registerRemote(api, 'session-delete', remote.url);
      const before = await sessionCounts(remote);
      for (let cycle = 0; cycle < 3; cycle++) {
        await startOk(api, server.id);
        expect((await sessionCounts(remote)).live).toBe(before.live + 1);
        await commandOk(api, server.id, 'stop');
        expect((await sessionCounts(remote)).live).toBe(before.live);
      }
      await startOk(api, server.id);
      await commandOk(api, server.id, 'restart');
      expect((await getServer(api, server.id)).state).toBe('running');
      await commandOk(api, server.id, 'stop');

      const counts = await sessionCounts(remote);
      expect(counts.deleted - before.deleted).toBe(5);
      expect(counts.live).toBe(before.live);
    }, 60_000);

    it('notices a killed remote within seconds (server.disconnected), then runs again once it is back', async () => {
      const server = await registerRemote(api, 'killed-session-remote', remote.url);
      await startOk(api, server.id);

      const killedAt = Date.now();
      await remote.kill();
      const disconnected = await firstDisconnect(server);
      const noticedMs = Date.parse(disconnected.timestamp) - killedAt;

      expect(noticedMs).toBeLessThan(5000);
      expect(disconnected).toMatchObject({ severity: 'error', category: 'lifecycle' });
      expect(String(disconnected.data['reason'])).not.toBe('');
      expect((await getServer(api, server.id)).state).not.toBe('running');

      await remote.start();
      await runningAgain(server, 30_000);
      expect((await echo(server, 'back')).status).toBe(200);
      await commandOk(api, server.id, 'stop');
    }, 90_000);
  });

  describe('a stateless 2026-07-28 server (v2-server.mjs http)', () => {
    let remote: RestartableRemote;

    beforeAll(async () => {
      remote = await startRestartableRemote('v2-server.mjs', ['http']);
    });

    afterAll(async () => {
      await remote?.stop();
    });

    it('notices a killed remote within seconds through its dropped subscription stream', async () => {
      const server = await registerRemote(api, 'killed-modern-remote', remote.url);
      await startOk(api, server.id);

      const killedAt = Date.now();
      await remote.kill();
      const disconnected = await firstDisconnect(server);

      expect(Date.parse(disconnected.timestamp) - killedAt).toBeLessThan(5000);
      await remote.start();
      await runningAgain(server, 30_000);
      await commandOk(api, server.id, 'stop');
    }, 90_000);

    it('applies a new health-check interval to the running server at once; latencyMs waits for the first probe', async () => {
      const server = await registerRemote(api, 'interval-change', remote.url, { healthCheckIntervalMs: 120_000 });
      await startOk(api, server.id);
      const fresh = await getServer(api, server.id);
      expect(fresh.health.latencyMs).toBeNull();

      const patched = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, {
        version: fresh.version,
        config: { healthCheckIntervalMs: 1000 },
      });
      expect(patched.status).toBe(200);
      const seen = new Set<string>();
      const began = Date.now();
      while (Date.now() - began < 6000) {
        const { health } = await getServer(api, server.id);
        if (health.lastCheckedAt && health.latencyMs !== null) {
          seen.add(health.lastCheckedAt);
        }
        await sleep(200);
      }

      // At 120 s, at most one probe could land in 6 s; at 1 s there are about six.
      expect(seen.size).toBeGreaterThanOrEqual(3);
      expect(await started(server)).toHaveLength(1);
      await commandOk(api, server.id, 'stop');
    }, 60_000);
  });

  describe('a remote away for 75 s (the network to it cut)', () => {
    let remote: RestartableRemote;
    let proxy: CuttableProxy;

    beforeAll(async () => {
      remote = await startRestartableRemote('session-server.mjs');
      proxy = new CuttableProxy('127.0.0.1', remote.port);
      await proxy.listen();
    });

    afterAll(async () => {
      await proxy?.close();
      await remote?.stop();
    });

    it('runs again within 30 s of its return, without an operator, retried beyond retryAttempts', async () => {
      const server = await registerRemote(api, 'long-outage', `http://127.0.0.1:${proxy.port}/mcp`, { retryAttempts: 2 });
      await startOk(api, server.id);

      proxy.sever();
      await sleep(75_000);
      const during = await getServer(api, server.id);
      proxy.restore();
      const back = Date.now();
      await runningAgain(server, 30_000);
      const tookMs = Date.now() - back;

      expect(during).toMatchObject({ state: 'error', desiredState: 'running' });
      expect(tookMs).toBeLessThan(30_000);
      const events = await serverEvents(api, server.id);
      expect(ofType(events, 'server.start_failed').length).toBeGreaterThan(2);
      expect(ofType(events, 'server.start_retries_exhausted')).toEqual([]);
      expect(ofType(events, 'server.crash_loop')).toEqual([]);
      expect((await echo(server, 'after the outage')).status).toBe(200);
      await commandOk(api, server.id, 'stop');
    }, 150_000);
  });
});
