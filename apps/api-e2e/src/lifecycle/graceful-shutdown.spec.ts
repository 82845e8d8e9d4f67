import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import {
  alive,
  getServer,
  pidsInFile,
  registerFixture,
  serverEvents,
  sleep,
  startedPid,
  startOk,
  usePidJanitor,
} from '../support/mcp-runtime';
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

describe('graceful shutdown under load: a client that keeps its connection busy does not hold the API up', () => {
  const fleet = useRestartableApi();

  it('answers 503 (connection: close) to requests after SIGTERM and exits 0', async () => {
    const api = await fleet.boot();
    const statuses: number[] = [];
    let stop = false;
    // Eight clients on kept-alive connections, back to back, trying again when refused: some
    // connection is always mid-request, and is reused at once.
    const client = async () => {
      while (!stop) {
        const answer = await api.get('/api/mcp/servers').catch(() => undefined);
        if (answer) {
          statuses.push(answer.status);
        } else {
          await sleep(20);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, client));
    await sleep(300);
    const exited = api.kill('SIGTERM');
    const verdict = await Promise.race([exited.then((code) => ({ code })), sleep(45_000).then(() => 'still running' as const)]);
    stop = true;
    await load;
    if (verdict === 'still running') {
      await api.kill('SIGKILL');
    }

    expect(verdict).toEqual({ code: 0 });
    expect(statuses.length).toBeGreaterThan(5);
    // Served until the HTTP server closed, then refused (retryable) rather than answered by a half-stopped API.
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
  }, 90_000);

  it('exits 0 although a client opened a connection it never used (as undici opens spare ones)', async () => {
    const api = await fleet.boot();
    const { port, hostname } = new URL(api.url);
    const idle = connect(Number(port), hostname);
    await new Promise((resolve) => idle.once('connect', resolve));
    const exited = api.kill('SIGTERM');
    const verdict = await Promise.race([exited.then((code) => ({ code })), sleep(45_000).then(() => 'still running' as const)]);
    idle.destroy();
    if (verdict === 'still running') {
      await api.kill('SIGKILL');
    }

    expect(verdict).toEqual({ code: 0 });
  }, 90_000);
});
