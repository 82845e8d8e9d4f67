import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually } from '@mcp-fleet/api/shared/testing';
import { type FleetEvent, type McpServer, type Page, type ServerState, STATE_TRANSITIONS } from '@mcp-fleet/shared/contracts';

import {
  alive,
  isAlive,
  pidsInFile,
  registerFixture,
  serverEvents,
  sleep,
  startedPid,
  startOk,
  usePidJanitor,
} from '../support/mcp-runtime';
import { type ApiInstance, useRestartableApi } from '../support/restartable-api';

const SERVERS = 10;

describe('no orphans: a kill -9 of the API leaves no server process behind, and the next API brings them back', () => {
  const fleet = useRestartableApi();
  const janitor = usePidJanitor();
  let tempDir: string;
  let first: ApiInstance;
  let second: ApiInstance;
  let servers: { server: McpServer; pidFile?: string }[];
  let idle: McpServer;
  let pidsBefore: number[];
  let firstInstanceId: string;

  const pidFileOf = (i: number) => janitor.trackPidFile(join(tempDir, `grandchildren-${i}.pids`));

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-orphans-'));
    first = await fleet.boot();
    firstInstanceId = (await first.get<{ instanceId: string }>('/api/system-info')).body.instanceId;
    servers = [];
    for (let i = 0; i < SERVERS; i++) {
      if (i % 2 === 0) {
        servers.push({ server: await registerFixture(first, `orphan-v2-${i}`, 'v2-server.mjs') });
      } else {
        const pidFile = pidFileOf(i);
        servers.push({
          server: await registerFixture(first, `orphan-grandchildren-${i}`, 'grandchildren.mjs', [], {
            env: { FIXTURE_PID_FILE: pidFile },
          }),
          pidFile,
        });
      }
    }
    // Registered, never started: it must not run after the restart either.
    idle = await registerFixture(first, 'orphan-idle', 'v2-server.mjs');
    for (const { server } of servers) {
      await startOk(first, server.id);
    }
    const fromEvents = await Promise.all(
      servers.map(async ({ server }) => (await serverEvents(first, server.id, 'server.started')).map(startedPid)),
    );
    const fromFiles = servers.flatMap(({ pidFile }) => (pidFile ? pidsInFile(pidFile) : []));
    pidsBefore = [...new Set([...fromEvents.flat(), ...fromFiles])];
    janitor.track(...pidsBefore);
  }, 180_000);

  afterAll(() => {
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('runs 10 servers: 5 single processes and 5 with 2 grandchildren each (20 processes)', () => {
    expect(pidsBefore).toHaveLength(SERVERS / 2 + (SERVERS / 2) * 3);
    expect(alive(pidsBefore)).toEqual(pidsBefore);
  });

  it('leaves none of the 20 processes alive 5 s after the API is killed with SIGKILL', async () => {
    await first.kill('SIGKILL');
    expect(isAlive(first.pid)).toBe(false);

    await sleep(5000);

    expect(alive(pidsBefore)).toEqual([]);
  }, 30_000);

  describe('a new API process on the same database', () => {
    beforeAll(async () => {
      second = await fleet.boot();
    }, 120_000);

    it('runs again every server whose desired state is running, with new processes', async () => {
      const ids = new Set(servers.map(({ server }) => server.id));
      const list = async () => (await second.get<Page<McpServer>>('/api/mcp/servers?pageSize=100')).body.items;
      const states = await eventually(
        async () => {
          const items = (await list()).filter((s) => ids.has(s.id));
          return items.length === SERVERS && items.every((s) => s.state === 'running') ? items : undefined;
        },
        'all 10 servers to run again',
        { timeoutMs: 90_000, intervalMs: 200 },
      );

      const newPids: number[] = [];
      for (const { server, pidFile } of servers) {
        // The state says running a moment before server.started is committed (it follows the move).
        const started = await eventually(
          async () => {
            const pids = (await serverEvents(second, server.id, 'server.started')).map(startedPid);
            return pids.length >= 2 ? pids : undefined;
          },
          `the second server.started of ${server.name}`,
          { timeoutMs: 10_000, intervalMs: 100 },
        ).catch(async () => (await serverEvents(second, server.id, 'server.started')).map(startedPid));
        expect(started).toHaveLength(2);
        newPids.push(started[1]);
        if (pidFile) {
          const all = pidsInFile(pidFile);
          expect(all).toHaveLength(6);
          expect(all[3]).toBe(started[1]);
          newPids.push(...all.slice(4));
        }
      }
      janitor.track(...newPids);

      expect(states.map((s) => s.desiredState)).toEqual(Array(SERVERS).fill('running'));
      expect(newPids).toHaveLength(20);
      expect(newPids.filter((pid) => pidsBefore.includes(pid))).toEqual([]);
      expect(alive(newPids)).toEqual(newPids);
    }, 120_000);

    it('recorded only edges of the state machine, through the crash and the reboot', async () => {
      const moves = (await second.get<Page<FleetEvent>>('/api/mcp/events?type=server.status_changed&limit=1000')).body.items;
      const illegal = moves
        .map((e) => [e.data['from'] as ServerState, e.data['to'] as ServerState] as const)
        .filter(([from, to]) => !STATE_TRANSITIONS[from].includes(to))
        .map(([from, to]) => `${from}→${to}`);

      expect(moves.length).toBeGreaterThan(SERVERS * 4);
      // The new process took the servers of the dead one over, clearing the state it left.
      expect(moves.map((e) => e.data['reason'])).toContain(`owner ${firstInstanceId} lost`);
      expect(illegal).toEqual([]);
    });

    it('does not start the server that was never wanted running', async () => {
      const detail = await second.get<McpServer>(`/api/mcp/servers/${idle.id}`);

      expect(detail.body).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
      expect(await serverEvents(second, idle.id, 'server.started')).toEqual([]);
    });

    it('answers tool calls on the resumed servers', async () => {
      for (const { server } of servers) {
        const response = await second.post<{ result: Record<string, unknown> }>(`/api/mcp/servers/${server.id}/tools/echo/call`, {
          arguments: { text: `back ${server.name}` },
        });
        expect(response.status).toBe(200);
        expect(response.body.result['content']).toEqual([{ type: 'text', text: `back ${server.name}` }]);
      }
    });
  });
});
