import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, CallToolResponse, CatalogList, CommandResult, McpServer } from '@mcp-fleet/shared/contracts';

import {
  alive,
  command,
  correlationId,
  getServer,
  isAlive,
  pidsInFile,
  registerFixture,
  registerRemote,
  registerStdio,
  type RemoteFixture,
  SERVER_EVERYTHING,
  serverEvents,
  startedPid,
  startOk,
  startRemoteFixture,
  usePidJanitor,
  withCorrelation,
} from '../support/mcp-runtime';

/** What `kill(pid, 0)` says: null when the process exists, else the errno code. */
function signalZero(pid: number): string | null {
  try {
    process.kill(pid, 0);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

interface Flavour {
  label: string;
  register(name: string): Promise<McpServer>;
  protocolVersion: string;
  tools: string[];
  echo: { arguments: Record<string, unknown>; text: string };
  /** stdio servers have a process the API owns. */
  hasProcess: boolean;
}

interface LegacyHttpServer {
  url: string;
  process: ChildProcess;
}

/** The reference server in its Streamable HTTP mode (2025 session protocol) on a free port. */
async function startEverythingOverHttp(): Promise<LegacyHttpServer> {
  const port = await new Promise<number>((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(free));
    });
  });
  const child = spawn(process.execPath, [SERVER_EVERYTHING, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((ready, fail) => {
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`server-everything did not listen:\n${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on port')) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  return { url: `http://127.0.0.1:${port}/mcp`, process: child };
}

describe('the lifecycle of a server: register, start, use, stop', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let remote: RemoteFixture;
  let legacyRemote: LegacyHttpServer;
  let tempDir: string;

  beforeAll(async () => {
    remote = await startRemoteFixture();
    legacyRemote = await startEverythingOverHttp();
    tempDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-lifecycle-'));
  });

  afterAll(async () => {
    await remote?.stop();
    legacyRemote?.process.kill('SIGKILL');
    rmSync(tempDir, { recursive: true, force: true });
  });

  const flavours: Flavour[] = [
    {
      label: 'the v2 fixture over stdio',
      register: (name) => registerFixture(api, name, 'v2-server.mjs'),
      protocolVersion: '2026-07-28',
      tools: ['echo', 'add', 'sleep', 'fail', 'stderr', 'add_tool'],
      echo: { arguments: { text: 'hello over stdio' }, text: 'hello over stdio' },
      hasProcess: true,
    },
    {
      label: 'the v2 fixture over Streamable HTTP',
      register: (name) => registerRemote(api, name, remote.url),
      protocolVersion: '2026-07-28',
      tools: ['echo', 'add', 'sleep', 'fail', 'stderr', 'add_tool'],
      echo: { arguments: { text: 'hello over http' }, text: 'hello over http' },
      hasProcess: false,
    },
    {
      label: '@modelcontextprotocol/server-everything over Streamable HTTP (session era)',
      register: (name) => registerRemote(api, name, legacyRemote.url),
      protocolVersion: '2025-11-25',
      tools: ['echo', 'get-sum'],
      echo: { arguments: { message: 'hello legacy http' }, text: 'Echo: hello legacy http' },
      hasProcess: false,
    },
    {
      label: '@modelcontextprotocol/server-everything over stdio',
      register: (name) => registerStdio(api, name, [SERVER_EVERYTHING, 'stdio']),
      protocolVersion: '2025-11-25',
      tools: ['echo', 'get-sum'],
      echo: { arguments: { message: 'hello everything' }, text: 'Echo: hello everything' },
      hasProcess: true,
    },
  ];

  describe.each(flavours)('$label', (flavour) => {
    let server: McpServer;
    let start: { status: number; header: string | null; body: CommandResult };
    let startCorrelation: string;

    beforeAll(async () => {
      server = await flavour.register(`round-trip-${flavour.label.replace(/[^a-z0-9]+/gi, '-')}`);
      startCorrelation = correlationId('start');
      const response = await command(api, server.id, 'start', withCorrelation(startCorrelation));
      start = { status: response.status, header: response.headers.get('x-correlation-id'), body: response.body };
    }, 60_000);

    afterAll(async () => {
      const latest = await getServer(api, server.id);
      if (latest.state === 'running') {
        await command(api, server.id, 'stop');
      }
    });

    it('starts: a successful command result carrying the correlation id that was sent', () => {
      expect(start.status).toBe(200);
      expect(start.header).toBe(startCorrelation);
      expect(start.body).toMatchObject({
        success: true,
        serverId: server.id,
        serverName: server.name,
        commandType: 'start',
        state: 'running',
        correlationId: startCorrelation,
      });
      expect(start.body.errorCode).toBeUndefined();
      expect(typeof start.body.message).toBe('string');
      expect(Number.isInteger(start.body.executionTimeMs)).toBe(true);
      expect(start.body.executionTimeMs).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(start.body.timestamp))).toBe(false);
    });

    it(`negotiates the protocol revision it speaks, and the server shows running and healthy`, async () => {
      const [started] = await serverEvents(api, server.id, 'server.started');
      const detail = await getServer(api, server.id);

      expect(started.data['protocolVersion']).toBe(flavour.protocolVersion);
      expect(started.correlationId).toBe(startCorrelation);
      expect(detail).toMatchObject({ state: 'running', status: 'running', desiredState: 'running' });
      expect(detail.health).toMatchObject({ status: 'healthy', reason: null });
      if (flavour.hasProcess) {
        expect(isAlive(startedPid(started))).toBe(true);
        janitor.track(startedPid(started));
      } else {
        expect(started.data['pid']).toBeNull();
      }
    });

    it('lists the tools the server offers, with the negotiated protocol', async () => {
      const response = await api.get<CatalogList<{ name: string }>>(`/api/mcp/servers/${server.id}/tools`);

      expect(response.status).toBe(200);
      expect(response.body.protocolVersion).toBe(flavour.protocolVersion);
      expect(response.body.items.map((tool) => tool.name)).toEqual(expect.arrayContaining(flavour.tools));
    });

    it('calls the echo tool and answers with the MCP tool result', async () => {
      const response = await api.post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, {
        arguments: flavour.echo.arguments,
      });

      expect(response.status).toBe(200);
      expect(response.body.result['content']).toEqual([{ type: 'text', text: flavour.echo.text }]);
      expect(response.body.result['isError']).toBeFalsy();
      expect(typeof response.body.durationMs).toBe('number');
    });

    it('stops: the command result says stopped, and the process is gone', async () => {
      const [started] = await serverEvents(api, server.id, 'server.started');
      const stopCorrelation = correlationId('stop');

      const response = await command(api, server.id, 'stop', withCorrelation(stopCorrelation));

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        success: true,
        serverId: server.id,
        commandType: 'stop',
        state: 'stopped',
        correlationId: stopCorrelation,
      });
      expect(Number.isInteger(response.body.executionTimeMs)).toBe(true);
      expect(await getServer(api, server.id)).toMatchObject({ state: 'stopped', status: 'stopped', desiredState: 'stopped' });
      if (flavour.hasProcess) {
        expect(signalZero(startedPid(started))).toBe('ESRCH');
      }
    });

    it('records the walk stopped → starting → running → stopping → stopped in the event history', async () => {
      const changes = await serverEvents(api, server.id, 'server.status_changed');

      expect(changes.map((e) => [e.data['from'], e.data['to']])).toEqual([
        ['stopped', 'starting'],
        ['starting', 'running'],
        ['running', 'stopping'],
        ['stopping', 'stopped'],
      ]);
      expect(changes.map((e) => e.category)).toEqual(['lifecycle', 'lifecycle', 'lifecycle', 'lifecycle']);
    });

    it('keeps the catalog readable after the stop', async () => {
      const response = await api.get<CatalogList<{ name: string }>>(`/api/mcp/servers/${server.id}/tools`);

      expect(response.status).toBe(200);
      expect(response.body.items.map((tool) => tool.name)).toEqual(expect.arrayContaining(flavour.tools));
    });
  });

  describe('commands that do not fit the state', () => {
    let server: McpServer;

    beforeAll(async () => {
      server = await registerFixture(api, 'illegal-commands', 'v2-server.mjs');
    });

    it('refuses a tool call on a stopped server with 409 SERVER_NOT_RUNNING', async () => {
      const response = await api.post<ApiError>(`/api/mcp/servers/${server.id}/tools/echo/call`, { arguments: { text: 'anyone?' } });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'SERVER_NOT_RUNNING' });
    });

    it('refuses to stop a stopped server with 409 INVALID_TRANSITION', async () => {
      const response = await command<ApiError>(api, server.id, 'stop');

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentState: 'stopped' } });
    });

    describe('while it runs', () => {
      let pid: number;

      beforeAll(async () => {
        await startOk(api, server.id);
        pid = startedPid((await serverEvents(api, server.id, 'server.started'))[0]);
        janitor.track(pid);
      });

      it('refuses a second start with 409 INVALID_TRANSITION naming the current state', async () => {
        const correlation = correlationId('start-again');
        const response = await command<ApiError>(api, server.id, 'start', withCorrelation(correlation));

        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({
          statusCode: 409,
          code: 'INVALID_TRANSITION',
          correlationId: correlation,
          details: { currentState: 'running' },
        });
        expect(await serverEvents(api, server.id, 'server.started')).toHaveLength(1);
        expect(isAlive(pid)).toBe(true);
      });

      it('refuses to delete it with 409 SERVER_NOT_STOPPED, and it keeps running', async () => {
        const response = await api.delete<ApiError>(`/api/mcp/servers/${server.id}`);

        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ code: 'SERVER_NOT_STOPPED' });
        expect((await getServer(api, server.id)).state).toBe('running');
        expect(isAlive(pid)).toBe(true);
      });

      it('answers 404 TOOL_NOT_FOUND for a tool the server does not have', async () => {
        const response = await api.post<ApiError>(`/api/mcp/servers/${server.id}/tools/no_such_tool/call`, { arguments: {} });

        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'TOOL_NOT_FOUND' });
      });

      it('can be deleted once stopped, and its process is gone', async () => {
        await command(api, server.id, 'stop');

        const response = await api.delete(`/api/mcp/servers/${server.id}`);

        expect(response.status).toBeLessThan(300);
        expect((await api.get(`/api/mcp/servers/${server.id}`)).status).toBe(404);
        expect(isAlive(pid)).toBe(false);
      });
    });
  });

  describe('two starts at the same moment', () => {
    let server: McpServer;
    let pidFile: string;
    let results: { status: number; body: CommandResult & ApiError }[];

    beforeAll(async () => {
      pidFile = janitor.trackPidFile(join(tempDir, 'concurrent-starts.pids'));
      // This fixture appends its pid (and its 2 children's) to the file each time it is spawned.
      server = await registerFixture(api, 'concurrent-starts', 'grandchildren.mjs', [], { env: { FIXTURE_PID_FILE: pidFile } });
      results = await Promise.all([
        command<CommandResult & ApiError>(api, server.id, 'start'),
        command<CommandResult & ApiError>(api, server.id, 'start'),
      ]);
      janitor.track(...pidsInFile(pidFile));
    }, 60_000);

    afterAll(async () => {
      if ((await getServer(api, server.id)).state === 'running') {
        await command(api, server.id, 'stop');
      }
    });

    it('run once: the second joins the first and both callers get its outcome', () => {
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(results.map((r) => r.body)).toMatchObject([
        { success: true, state: 'running' },
        { success: true, state: 'running' },
      ]);
    });

    it('spawn exactly one process, reported by exactly one server.started event', async () => {
      const started = await serverEvents(api, server.id, 'server.started');
      const pids = pidsInFile(pidFile);

      expect(started).toHaveLength(1);
      expect(pids).toHaveLength(3);
      expect(pids[0]).toBe(startedPid(started[0]));
      expect(alive(pids)).toEqual(pids);
      expect((await serverEvents(api, server.id, 'server.status_changed')).map((e) => e.data['to'])).toEqual(['starting', 'running']);
    });

    it('leave nothing behind after the stop, grandchildren included', async () => {
      const pids = pidsInFile(pidFile);

      const response = await command(api, server.id, 'stop');

      expect(response.body).toMatchObject({ success: true, state: 'stopped' });
      // The stop confirms that no process of the group is left before it answers.
      expect(alive(pids)).toEqual([]);
    });
  });
});
