import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { io } from 'socket.io-client';

import {
  ADMIN,
  createTestDatabase,
  CuttableProxy,
  eventually,
  http,
  type RunningApi,
  startApi,
  type TestDatabase,
} from '@mcp-fleet/api/shared/testing';
import { type AuditEntry, type FleetEvent, type LoginResponse, type McpServer, SOCKET_PATH } from '@mcp-fleet/shared/contracts';

import type { FleetSocket, HandshakeRefusal } from '../support/fleet-socket';
import { fixture, sleep, startedPid } from '../support/mcp-runtime';

// Longer than the 30 s interval at which live sockets' credentials are checked again.
const OUTAGE_MS = 32_000;

describe('a database outage of 32 s while servers run', () => {
  let database: TestDatabase;
  let proxy: CuttableProxy;
  let api: RunningApi;
  let dataDir: string;
  let token: string;
  let server: McpServer;
  let pid: number;
  let crasher: McpServer;
  let crasherPid: number;
  let lastSeqBefore: number;
  const during: { ready: number[]; list: { status: number; code?: string }[]; metrics: number[]; alive: boolean[] } = {
    ready: [],
    list: [],
    metrics: [],
    alive: [],
  };
  let socket: FleetSocket;
  const socketSaw: { disconnects: string[]; events: FleetEvent[] } = { disconnects: [], events: [] };
  let newHandshake: HandshakeRefusal | 'accepted' | undefined;
  let write: { status: number; code?: string; retryAfter: string | null; beforeRestore: boolean };
  const openSocket = (): FleetSocket =>
    io(api.url, { path: SOCKET_PATH, transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });

  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    http<T>(api.url, method, path, body, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.listen();
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    dataDir = mkdtempSync(join(tmpdir(), 'mcp-fleet-outage-'));
    api = await startApi({
      DATABASE_URL: viaProxy.toString(),
      DATABASE_POOL_SIZE: String(database.poolSize),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      METRICS_SAMPLE_INTERVAL_MS: '1000',
    });
    token = (await http<LoginResponse>(api.url, 'POST', '/api/auth/login', ADMIN)).body.accessToken;
    server = (
      await call<McpServer>('POST', '/api/mcp/servers', {
        name: 'keeps-running',
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('v2-server.mjs')], healthCheckIntervalMs: 1000, healthCheckTimeoutMs: 500 },
      })
    ).body;
    crasher = (
      await call<McpServer>('POST', '/api/mcp/servers', {
        name: 'dies-during-the-outage',
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('v2-server.mjs')] },
      })
    ).body;
    await call('POST', `/api/mcp/servers/${server.id}/start`);
    await call('POST', `/api/mcp/servers/${crasher.id}/start`);
    const pidOf = async (id: string) =>
      startedPid((await call<{ items: FleetEvent[] }>('GET', `/api/mcp/events?serverId=${id}&type=server.started`)).body.items[0]);
    pid = await pidOf(server.id);
    crasherPid = await pidOf(crasher.id);
    lastSeqBefore = (await call<{ items: FleetEvent[] }>('GET', '/api/mcp/events?limit=1')).body.items[0].seq;
    socket = openSocket();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.on('disconnect', (reason) => socketSaw.disconnects.push(reason));
    socket.on('new_event', (event) => socketSaw.events.push(event));
    socket.emit('subscribe', { events: ['new_event'] });

    proxy.sever();
    // Not awaited here: before the fix, a write waited for the database as long as it was away.
    const writing = call<{ code?: string }>('POST', '/api/mcp/servers', {
      name: 'written-during-the-outage',
      transport: 'stdio',
      config: { command: process.execPath },
    }).then((response) => ({ response, at: Date.now() }));
    const end = Date.now() + OUTAGE_MS;
    let killed = false;
    while (Date.now() < end) {
      if (newHandshake === undefined && Date.now() > end - OUTAGE_MS + 8000) {
        // After the 5 s for which a verified user is cached: the handshake needs the database.
        const other = openSocket();
        newHandshake = await new Promise<HandshakeRefusal | 'accepted'>((resolve) => {
          other.once('connect', () => resolve('accepted'));
          other.once('connect_error', (error) => resolve(error as unknown as HandshakeRefusal));
        });
        other.disconnect();
      }
      if (!killed && Date.now() > end - OUTAGE_MS / 2) {
        // A crash while nothing can be written: it must be recorded and handled once the database is back.
        process.kill(crasherPid, 'SIGKILL');
        killed = true;
      }
      during.ready.push((await http(api.url, 'GET', '/ready')).status);
      const list = await call<{ code?: string }>('GET', '/api/mcp/servers');
      during.list.push({ status: list.status, code: list.body.code });
      during.metrics.push((await call('GET', '/metrics')).status);
      during.alive.push(isAlive(pid));
      await sleep(1000);
    }
    const restoredAt = Date.now();
    proxy.restore();
    const written = await writing;
    write = {
      status: written.response.status,
      code: written.response.body.code,
      retryAfter: written.response.headers.get('retry-after'),
      beforeRestore: written.at < restoredAt,
    };
  }, 150_000);

  afterAll(async () => {
    for (const leftover of [pid, crasherPid]) {
      try {
        process.kill(leftover, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    socket?.disconnect();
    await api?.stop();
    await proxy?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kept the other server running the whole time', () => {
    expect(during.alive.length).toBeGreaterThan(10);
    expect(during.alive.every(Boolean)).toBe(true);
  });

  it('said 503 on /ready, and 503 (never 500) to requests that need the database', () => {
    expect(during.ready.filter((status) => status === 503).length).toBeGreaterThan(during.ready.length / 2);
    expect(during.ready.every((status) => status === 200 || status === 503)).toBe(true);
    expect(during.list.every(({ status }) => status === 200 || status === 503)).toBe(true);
    expect(during.list.some(({ status, code }) => status === 503 && code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // A scrape in the outage is answered (without the per-server gauges) or refused as retryable.
    expect(during.metrics.filter((status) => status !== 200 && status !== 503)).toEqual([]);
  });

  it('answered a write 503 with Retry-After while the outage lasted, not once it was over, and kept its audit row', async () => {
    expect(write).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', beforeRestore: true });
    expect(write.retryAfter).toMatch(/^\d+$/);
    const audited = await eventually(
      async () => {
        const rows = await call<{ items: AuditEntry[] }>('GET', '/api/mcp/audit?action=server.register&limit=100');
        return rows.status === 200 ? rows.body.items.find((row) => row.statusCode === 503) : undefined;
      },
      'the audit row of the refused write',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(audited).toMatchObject({ result: 'failure', errorCode: 'SERVICE_UNAVAILABLE' });
  }, 60_000);

  it('kept its live socket through a credentials check, and refused a new handshake as retryable, not as unauthenticated', () => {
    expect(socketSaw.disconnects).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(newHandshake).toMatchObject({ message: 'SERVICE_UNAVAILABLE', data: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('comes back: ready again, the server still running with the same process, nothing lost, nothing crash-looping', async () => {
    await eventually(async () => (await http(api.url, 'GET', '/ready')).status === 200, '/ready back to 200', {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    const detail = await eventually(async () => {
      const response = await call<McpServer>('GET', `/api/mcp/servers/${server.id}`);
      return response.status === 200 ? response.body : undefined;
    }, 'the API answering again');
    const after = await call<{ items: FleetEvent[] }>('GET', `/api/mcp/events?afterSeq=${lastSeqBefore - 1}&limit=1000`);
    const types = after.body.items.filter((event) => event.serverId === server.id).map((event) => event.type);

    expect(detail.state).toBe('running');
    expect(isAlive(pid)).toBe(true);
    expect(after.body.items[0].seq).toBe(lastSeqBefore);
    expect(types).not.toContain('server.exited');
    expect(types).not.toContain('server.stopped');
    expect(types).not.toContain('server.restart_scheduled');
    const stop = await call<{ success: boolean }>('POST', `/api/mcp/servers/${server.id}/stop`);
    expect(stop.body.success).toBe(true);
    expect(api.output()).not.toMatch(/"level":60/);
  }, 60_000);

  it('records the crash that happened during the outage once the database is back, and restarts that server', async () => {
    const restarted = await eventually(
      async () => {
        const response = await call<{ items: FleetEvent[] }>('GET', `/api/mcp/events?serverId=${crasher.id}&type=server.started`);
        return response.status === 200 && response.body.items.length >= 2 ? response.body.items : undefined;
      },
      'the crashed server restarted',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const exits = (await call<{ items: FleetEvent[] }>('GET', `/api/mcp/events?serverId=${crasher.id}&type=server.exited`)).body.items;
    const detail = (await call<McpServer>('GET', `/api/mcp/servers/${crasher.id}`)).body;

    expect(exits).toHaveLength(1);
    expect(exits[0].data).toMatchObject({ signal: 'SIGKILL' });
    expect(startedPid(restarted[0])).not.toBe(crasherPid);
    expect(detail.state).toBe('running');
    // The socket that stayed connected hears what was recorded once the database was back.
    await eventually(
      () => Promise.resolve(socketSaw.events.some((e) => e.type === 'server.exited' && e.serverId === crasher.id) ? true : undefined),
      'the exit on the socket',
    );
  }, 60_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
