import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { FleetEvent, McpServer } from '@mcp-fleet/shared/contracts';

import { alive, getServer, registerFixture, serverEvents, sleep, startedPid, startOk, usePidJanitor } from '../support/mcp-runtime';

const LIFECYCLE_TYPES = [
  'server.started',
  'server.exited',
  'server.restart_scheduled',
  'server.crash_loop',
  'server.start_failed',
  'server.start_retries_exhausted',
];

describe('restart policy: unexpected exits are restarted with backoff, until a crash loop', () => {
  const api = useApi();
  const janitor = usePidJanitor();

  const history = (server: McpServer) => serverEvents(api, server.id, ...LIFECYCLE_TYPES);
  const ofType = (events: FleetEvent[], type: string) => events.filter((e) => e.type === type);

  describe('a server that crashes 3 s after every start (maxRestarts 3)', () => {
    let server: McpServer;
    let events: FleetEvent[];

    beforeAll(async () => {
      // exit-after.mjs 3 1: serves MCP, then exits with code 1 after 3 s (counted from its spawn: a
      // start slower than that under load would fail as a start, not crash as a run).
      server = await registerFixture(api, 'crash-looper', 'exit-after.mjs', ['3', '1'], { maxRestarts: 3, retryAttempts: 0 });
      await startOk(api, server.id);
      events = await eventually(
        async () => {
          const all = await history(server);
          janitor.track(...ofType(all, 'server.started').map(startedPid));
          return all.some((e) => e.type === 'server.crash_loop') ? all : undefined;
        },
        'the server.crash_loop event',
        { timeoutMs: 90_000, intervalMs: 100 },
      );
    }, 120_000);

    it('records every crash as server.exited with its exit code', () => {
      const exits = ofType(events, 'server.exited');

      expect(exits).toHaveLength(4);
      for (const exit of exits) {
        expect(exit.data).toMatchObject({ reason: 'EXITED', exitCode: 1 });
      }
    });

    it('schedules the restarts with exponential backoff (1 s, 2 s, 4 s, each ± 20 % jitter)', () => {
      const scheduled = ofType(events, 'server.restart_scheduled');

      expect(scheduled.map((e) => e.data['attempt'])).toEqual([1, 2, 3]);
      const delays = scheduled.map((e) => e.data['delayMs'] as number);
      [1000, 2000, 4000].forEach((base, i) => {
        expect(delays[i]).toBeGreaterThanOrEqual(base * 0.8);
        expect(delays[i]).toBeLessThanOrEqual(base * 1.2);
      });
    });

    it('restarts the server each time, then gives up with server.crash_loop after the 4th crash', () => {
      expect(events.map((e) => e.type)).toEqual([
        'server.started',
        'server.exited',
        'server.restart_scheduled',
        'server.started',
        'server.exited',
        'server.restart_scheduled',
        'server.started',
        'server.exited',
        'server.restart_scheduled',
        'server.started',
        'server.exited',
        'server.crash_loop',
      ]);
      expect(ofType(events, 'server.crash_loop')[0].severity).toBe('critical');
    });

    it('leaves the server in error with the reason CRASH_LOOP, still wanted running, with 3 restarts counted', async () => {
      expect(await getServer(api, server.id)).toMatchObject({
        state: 'error',
        status: 'error',
        desiredState: 'running',
        health: { status: 'unhealthy', reason: 'CRASH_LOOP' },
        metrics: { restartCount: 3 },
      });
    });

    it('restarts it no more: nothing starts after longer than the next backoff (8 s + jitter)', async () => {
      await sleep(8000 * 1.2 + 1000);
      const later = await history(server);

      expect(ofType(later, 'server.started')).toHaveLength(4);
      expect(ofType(later, 'server.restart_scheduled')).toHaveLength(3);
      expect((await getServer(api, server.id)).state).toBe('error');
      expect(alive(ofType(later, 'server.started').map(startedPid))).toEqual([]);
    }, 30_000);
  });

  describe('a server that exits with a code listed in stopExitCodes', () => {
    let server: McpServer;

    beforeAll(async () => {
      // exit-after.mjs 1 0: serves MCP, then exits with code 0 after 1 s; 0 means "done" for this server.
      server = await registerFixture(api, 'finishes-cleanly', 'exit-after.mjs', ['1', '0'], { stopExitCodes: [0] });
      await startOk(api, server.id);
      janitor.track(...ofType(await history(server), 'server.started').map(startedPid));
      await eventually(async () => (await getServer(api, server.id)).state === 'stopped', 'the server to end stopped', {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
    }, 60_000);

    it('ends stopped, no longer wanted running, and is not restarted', async () => {
      // Longer than the first backoff (1 s + 20 %), so a restart would have shown by now.
      await sleep(2500);
      const events = await history(server);

      expect(await getServer(api, server.id)).toMatchObject({ state: 'stopped', status: 'stopped', desiredState: 'stopped' });
      expect(ofType(events, 'server.restart_scheduled')).toEqual([]);
      expect(ofType(events, 'server.started')).toHaveLength(1);
      expect(ofType(events, 'server.exited').map((e) => [e.data['exitCode'], e.severity])).toEqual([[0, 'info']]);
      expect(alive(ofType(events, 'server.started').map(startedPid))).toEqual([]);
    });

    it('finishes like a stop, not like a failure: through stopping, with no failure left in its health', async () => {
      const moves = (await serverEvents(api, server.id, 'server.status_changed')).map(
        (e) => `${String(e.data['from'])}→${String(e.data['to'])}`,
      );
      expect(moves).toEqual(['stopped→starting', 'starting→running', 'running→stopping', 'stopping→stopped']);
      expect((await getServer(api, server.id)).health).toMatchObject({ status: 'unknown', reason: null });
    });
  });
});
