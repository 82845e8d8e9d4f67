import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually, useApi } from '@mcp-fleet/api/shared/testing';
import type { CallToolResponse, CommandResult, McpServer } from '@mcp-fleet/shared/contracts';

import {
  alive,
  command,
  commandOk,
  getServer,
  isAlive,
  pidsInFile,
  processesWithArg,
  registerFixture,
  serverEvents,
  sleep,
  startedPid,
  startOk,
  usePidJanitor,
} from '../support/mcp-runtime';

/** A unique extra argument (the fixtures ignore it) to find a server's process from outside. */
const marker = (label: string) => `--e2e-marker=${label}-${randomUUID()}`;

describe('hostile servers: the supervisor keeps its promises and the API survives', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let tempDir: string;

  beforeAll(() => {
    tempDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-hostile-'));
  });

  afterAll(() => {
    rmSync(tempDir, { recursive: true, force: true });
  });

  /** Starts a server whose start must fail, while watching for its process. */
  async function failingStart(server: McpServer, tag: string): Promise<{ result: CommandResult; pids: number[] }> {
    const seen = new Set<number>();
    let done = false;
    const watch = (async () => {
      while (!done) {
        for (const pid of processesWithArg(tag)) {
          seen.add(pid);
          janitor.track(pid);
        }
        await sleep(20);
      }
    })();
    const response = await command(api, server.id, 'start');
    done = true;
    await watch;
    expect(response.status).toBe(200);
    return { result: response.body, pids: [...seen] };
  }

  it('reports a server that exits before the handshake: EXITED, its exit code and its last stderr', async () => {
    const tag = janitor.trackMarker(marker('exit-immediately'));
    const server = await registerFixture(api, 'exits-at-once', 'exit-immediately.mjs', ['3', tag], { retryAttempts: 0 });

    const { result } = await failingStart(server, tag);

    expect(result).toMatchObject({ success: false, commandType: 'start', errorCode: 'EXITED', state: 'error' });
    expect(await getServer(api, server.id)).toMatchObject({ state: 'error', status: 'error', health: { reason: 'EXITED' } });
    const failures = await serverEvents(api, server.id, 'server.start_failed');
    expect(failures).toHaveLength(1);
    expect(failures[0].data).toMatchObject({ reason: 'EXITED', exitCode: 3 });
    expect(failures[0].data['lastStderr']).toContain('fixture exit-immediately: exiting with code 3');
    expect(processesWithArg(tag)).toEqual([]);
  });

  it('spots a server that writes garbage to stdout: PROTOCOL_ERROR, and its process is stopped', async () => {
    const tag = janitor.trackMarker(marker('garbage-stdout'));
    // A bounded startup timeout, so that a supervisor that misses the garbage fails here with
    // STARTUP_TIMEOUT instead of hanging for the default minute.
    const server = await registerFixture(api, 'garbage-stdout', 'garbage-stdout.mjs', [tag], {
      retryAttempts: 0,
      startupTimeoutMs: 10_000,
    });

    const { result, pids } = await failingStart(server, tag);

    expect(result).toMatchObject({ success: false, errorCode: 'PROTOCOL_ERROR', state: 'error' });
    expect(await getServer(api, server.id)).toMatchObject({ state: 'error', health: { reason: 'PROTOCOL_ERROR' } });
    expect((await serverEvents(api, server.id, 'server.start_failed'))[0].data).toMatchObject({ reason: 'PROTOCOL_ERROR' });
    expect(pids.length).toBeGreaterThan(0);
    expect(alive(pids)).toEqual([]);
  }, 40_000);

  it('gives up on a server that never answers the handshake after startupTimeoutMs, and kills it', async () => {
    const tag = janitor.trackMarker(marker('never-handshake'));
    const server = await registerFixture(api, 'never-handshake', 'never-handshake.mjs', [tag], {
      startupTimeoutMs: 2000,
      retryAttempts: 0,
    });

    const { result, pids } = await failingStart(server, tag);

    expect(result).toMatchObject({ success: false, errorCode: 'STARTUP_TIMEOUT', state: 'error' });
    expect(await getServer(api, server.id)).toMatchObject({ state: 'error', health: { reason: 'STARTUP_TIMEOUT' } });
    expect((await serverEvents(api, server.id, 'server.start_failed'))[0].data).toMatchObject({ reason: 'STARTUP_TIMEOUT' });
    expect(pids).toHaveLength(1);
    expect(alive(pids)).toEqual([]);
  });

  it('waits for a slow starter within startupTimeoutMs, and still negotiates the 2026-07-28 protocol', async () => {
    const tag = janitor.trackMarker(marker('slow-start-ok'));
    // Pinned: in `auto` a stdio server silent for longer than the 2.5 s probe counts as legacy
    // (protocol-selection.spec), and a 2 s starter on a loaded machine is on either side of it.
    const server = await registerFixture(api, 'slow-but-fine', 'slow-start.mjs', ['2', tag], {
      startupTimeoutMs: 15_000,
      retryAttempts: 0,
      protocol: '2026-07-28',
    });

    const result = await commandOk(api, server.id, 'start');
    const started = await serverEvents(api, server.id, 'server.started');
    await commandOk(api, server.id, 'stop');

    expect(result).toMatchObject({ success: true, state: 'running' });
    expect(result.executionTimeMs).toBeGreaterThanOrEqual(2000);
    expect(started[0].data).toMatchObject({ protocolVersion: '2026-07-28' });
  });

  it('gives up on a slow starter that needs longer than startupTimeoutMs', async () => {
    const tag = janitor.trackMarker(marker('slow-start-late'));
    const server = await registerFixture(api, 'too-slow', 'slow-start.mjs', ['30', tag], { startupTimeoutMs: 1500, retryAttempts: 0 });

    const { result, pids } = await failingStart(server, tag);

    expect(result).toMatchObject({ success: false, errorCode: 'STARTUP_TIMEOUT', state: 'error' });
    expect(alive(pids)).toEqual([]);
  });

  it('stops a server that ignores SIGTERM by escalating to SIGKILL after killTimeoutMs', async () => {
    const server = await registerFixture(api, 'ignore-sigterm', 'ignore-sigterm.mjs', [], { killTimeoutMs: 1000 });
    await startOk(api, server.id);
    const pid = startedPid((await serverEvents(api, server.id, 'server.started'))[0]);
    janitor.track(pid);

    const response = await command(api, server.id, 'stop');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, state: 'stopped' });
    const [stopped] = await serverEvents(api, server.id, 'server.stopped');
    expect(stopped.data).toMatchObject({ escalated: true, signal: 'SIGKILL', leftovers: false });
    expect(stopped.severity).toBe('warning');
    expect(isAlive(pid)).toBe(false);
  });

  it('stops a server together with the grandchildren it spawned', async () => {
    const pidFile = janitor.trackPidFile(join(tempDir, 'grandchildren.pids'));
    const server = await registerFixture(api, 'grandchildren', 'grandchildren.mjs', [], {
      env: { FIXTURE_PID_FILE: pidFile },
      killTimeoutMs: 1000,
    });
    await startOk(api, server.id);
    const pids = pidsInFile(pidFile);
    janitor.track(...pids);
    expect(pids).toHaveLength(3);
    expect(alive(pids)).toEqual(pids);
    expect(pids[0]).toBe(startedPid((await serverEvents(api, server.id, 'server.started'))[0]));

    const response = await command(api, server.id, 'stop');

    expect(response.body).toMatchObject({ success: true, state: 'stopped' });
    expect(alive(pids)).toEqual([]);
  });

  it('leaves no process running when a start fails after the spawn (the database refuses to record the pid)', async () => {
    const tag = janitor.trackMarker(marker('record-refused'));
    const pidFile = janitor.trackPidFile(join(tempDir, 'record-refused.pids'));
    const server = await registerFixture(api, 'record-refused', 'grandchildren.mjs', [tag], {
      env: { FIXTURE_PID_FILE: pidFile },
      retryAttempts: 0,
      killTimeoutMs: 1000,
    });
    // Fault injection: the database fails the write that records this server's process.
    await api.sql(
      `CREATE FUNCTION e2e_refuse_pid() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'e2e: database hiccup'; END $$`,
    );
    await api.sql(
      `CREATE TRIGGER e2e_refuse_pid BEFORE UPDATE OF pid ON server_runs FOR EACH ROW
       WHEN (NEW.pid IS NOT NULL AND NEW.server_id = '${server.id}') EXECUTE FUNCTION e2e_refuse_pid()`,
    );
    let result: CommandResult;
    try {
      result = (await command(api, server.id, 'start')).body;
    } finally {
      await api.sql('DROP TRIGGER e2e_refuse_pid ON server_runs');
      await api.sql('DROP FUNCTION e2e_refuse_pid()');
    }

    expect(result).toMatchObject({ success: false, state: 'error' });
    expect((await getServer(api, server.id)).state).toBe('error');
    // The server is not running as far as the API knows: none of its processes may be either.
    // (Waits a while for the stop to finish; the assertions below name what is left, if anything.)
    await eventually(
      () => processesWithArg(tag).length === 0 && alive(pidsInFile(pidFile)).length === 0,
      'the failed start to leave no process',
      {
        timeoutMs: 15_000,
      },
    ).catch(() => undefined);
    expect(processesWithArg(tag)).toEqual([]);
    expect(alive(pidsInFile(pidFile))).toEqual([]);
  }, 40_000);

  it('keeps serving tool calls from a server that floods stderr, and stops it', async () => {
    const server = await registerFixture(api, 'stderr-flood', 'stderr-flood.mjs');
    await startOk(api, server.id);
    const pid = startedPid((await serverEvents(api, server.id, 'server.started'))[0]);
    janitor.track(pid);
    await sleep(2000); // let the flood run

    const answers: CallToolResponse[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, {
        arguments: { text: `still here ${i}` },
      });
      expect(response.status).toBe(200);
      answers.push(response.body);
    }
    const health = await api.anonymous.get('/health');
    const stop = await command(api, server.id, 'stop');

    expect(answers.map((a) => a.result['content'])).toEqual([0, 1, 2, 3, 4].map((i) => [{ type: 'text', text: `still here ${i}` }]));
    expect(health.status).toBe(200);
    expect(stop.body).toMatchObject({ success: true, state: 'stopped' });
    expect(isAlive(pid)).toBe(false);
  });

  it('is still alive and healthy after all of this', async () => {
    const health = await api.anonymous.get('/health');

    expect(health.status).toBe(200);
    expect(api.output()).not.toMatch(/"level":60|uncaught|unhandled|fatal/i);
  });
});
