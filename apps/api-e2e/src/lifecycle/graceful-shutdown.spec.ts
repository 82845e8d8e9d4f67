import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { alive, getServer, pidsInFile, registerFixture, serverEvents, startedPid, startOk, usePidJanitor } from '../support/mcp-runtime';
import { type ApiInstance, useRestartableApi } from '../support/restartable-api';

describe('graceful shutdown: SIGTERM stops every server cleanly, keeps what should run, and the next boot brings it back', () => {
  const fleet = useRestartableApi();
  const janitor = usePidJanitor();
  let tempDir: string;
  let first: ApiInstance;
  let plain: McpServer;
  let family: McpServer;
  let pids: number[];
  let exitCode: number | null;

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-shutdown-'));
    first = await fleet.boot();
    plain = await registerFixture(first, 'shutdown-plain', 'v2-server.mjs');
    const pidFile = janitor.trackPidFile(join(tempDir, 'family.pids'));
    family = await registerFixture(first, 'shutdown-family', 'grandchildren.mjs', [], {
      env: { FIXTURE_PID_FILE: pidFile },
      killTimeoutMs: 1000,
    });
    await startOk(first, plain.id);
    await startOk(first, family.id);
    pids = [
      ...(await serverEvents(first, plain.id, 'server.started')).map(startedPid),
      ...(await serverEvents(first, family.id, 'server.started')).map(startedPid),
      ...pidsInFile(pidFile),
    ];
    janitor.track(...pids);
    exitCode = await first.kill('SIGTERM');
  }, 120_000);

  afterAll(() => {
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('exits 0 with every server process (and grandchild) gone', () => {
    expect(exitCode).toBe(0);
    expect(pids.length).toBeGreaterThanOrEqual(4);
    expect(alive(pids)).toEqual([]);
  });

  it('comes back with both servers running on the next boot, their desired state kept', async () => {
    const second = await fleet.boot();
    for (const server of [plain, family]) {
      await eventually(async () => (await getServer(second, server.id)).state === 'running', `${server.name} running again`, {
        timeoutMs: 60_000,
        intervalMs: 200,
      });
    }
    const stops = await serverEvents(second, plain.id, 'server.stopped');
    const moves = (await serverEvents(second, plain.id, 'server.status_changed')).map((e) => e.data['reason']);

    expect(await getServer(second, plain.id)).toMatchObject({ desiredState: 'running' });
    // The shutdown stopped it with the normal sequence (no reaping needed on boot).
    expect(stops.map((e) => e.data['escalated'])).toEqual([false]);
    expect(moves).toContain('API shutdown');
    // Handed over, not lost: no state left behind for the next owner to clear.
    expect(moves.filter((reason) => /^owner .* lost$/.test(String(reason)))).toEqual([]);
    const owners = await serverEvents(second, plain.id, 'server.owner_changed');
    expect(owners.at(-1)?.data).toMatchObject({ reason: 'handover' });
  }, 90_000);
});
