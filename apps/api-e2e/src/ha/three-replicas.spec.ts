import { readdirSync, readFileSync } from 'node:fs';

import { io } from 'socket.io-client';

import { ADMIN, CuttableProxy, eventually, http } from '@mcp-fleet/api/shared/testing';
import {
  type ApiInstanceInfo,
  type BulkOperationProgress,
  type BulkOperationResponse,
  type CallToolResponse,
  type FleetEvent,
  type McpServer,
  type McpServerDetail,
  type ServerLogLine,
  SOCKET_PATH,
} from '@mcp-fleet/shared/contracts';

import type { FleetSocket } from '../support/fleet-socket';
import { commandOk, registerFixture, sleep } from '../support/mcp-runtime';
import { type ApiInstance, useRestartableApi } from '../support/restartable-api';

const SERVERS = 30;
const NAMES = ['ha-1', 'ha-2', 'ha-3'] as const;
type Name = (typeof NAMES)[number];
/** The bound: a server of a lost replica runs again elsewhere within this. */
const TAKEOVER_MS = 15_000;
const RETRYABLE = new Set(['OWNER_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'COMMAND_IN_PROGRESS']);

/** How many processes carry each marker among their arguments (a zombie has none): one pass over /proc. */
function processCounts(markers: readonly string[]): Map<string, number> {
  const wanted = new Set(markers);
  const counts = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      for (const arg of readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')) {
        if (wanted.has(arg)) {
          counts.set(arg, (counts.get(arg) ?? 0) + 1);
        }
      }
    } catch {
      // gone meanwhile
    }
  }
  return counts;
}

/** Runs `work` over `items`, `size` at a time. */
async function inBatches<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let n = 0; n < items.length; n += size) {
    await Promise.all(items.slice(n, n + size).map((item, k) => work(item, n + k)));
  }
}

/**
 * Three API processes on one PostgreSQL, with distinct instance ids as pods have. Every server's
 * processes are counted every 500 ms for the whole file: never two for one server.
 */
/** How long the retrying client waits for one answer. */
const REQUEST_TIMEOUT_MS = 10_000;

describe('three replicas, one fleet', () => {
  const fleet = useRestartableApi();
  const replicas = new Map<Name, ApiInstance>();
  let proxy: CuttableProxy;
  const servers: McpServer[] = [];
  const marker = (server: McpServer) => `--fleet-ha-${server.name}`;
  const samples = { taken: 0, doubled: [] as string[] };
  /** Ends the request stream of the rolling restart, also when that test fails. */
  let stop = false;
  let sampler: NodeJS.Timeout | undefined;
  let socket: FleetSocket | undefined;
  const heard: FleetEvent[] = [];

  const replica = (name: Name) => replicas.get(name) as ApiInstance;
  const boot = async (name: Name) => {
    const env: Record<string, string> = { INSTANCE_ID: name };
    if (name === 'ha-3') {
      // Its database connection goes through a proxy the test can cut.
      const url = new URL(fleet.databaseUrl());
      url.host = `127.0.0.1:${proxy.port}`;
      env['DATABASE_URL'] = url.toString();
    }
    replicas.set(name, await fleet.boot(env));
  };
  const ownersNow = async () =>
    new Map(
      (await fleet.sql<{ server_id: string; owner: string }>(`SELECT server_id, owner FROM server_leases WHERE expires_at > now()`)).map(
        (row) => [row.server_id, row.owner],
      ),
    );
  const countOf = (server: McpServer) => processCounts([marker(server)]).get(marker(server)) ?? 0;
  const runningOnce = async (ids: readonly string[]) => {
    const states = new Map(
      (await fleet.sql<{ id: string; state: string }>(`SELECT id, state FROM mcp_servers`)).map((row) => [row.id, row.state]),
    );
    return ids.every((id) => states.get(id) === 'running' && countOf(servers.find((s) => s.id === id) as McpServer) === 1);
  };
  /** A client that retries the documented retryable codes, and another replica when one does not answer (in 10 s). */
  const retrying = async <T>(path: string, method: 'GET' | 'POST', body?: unknown): Promise<{ status: number; body: T }> => {
    let last: { status: number; body: T } = { status: 0, body: undefined as T };
    for (let attempt = 0; attempt < 40; attempt++) {
      const target = replica(NAMES[attempt % NAMES.length]);
      try {
        // A real client gives up on an answer that does not come, and tries another replica.
        const call = method === 'GET' ? target.get<T>(path) : target.post<T>(path, body);
        last = await Promise.race([call, sleep(REQUEST_TIMEOUT_MS).then(() => Promise.reject(new Error('no answer')))]);
      } catch {
        await sleep(250);
        continue;
      }
      const code = (last.body as { code?: string } | undefined)?.code ?? '';
      if (!RETRYABLE.has(code) && last.status !== 503) {
        return last;
      }
      await sleep(500);
    }
    return last;
  };

  beforeAll(async () => {
    const target = new URL(fleet.databaseUrl());
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.listen();
    for (const name of NAMES) {
      await boot(name);
    }
    const a = replica('ha-1');
    for (let n = 0; n < SERVERS; n++) {
      const name = `ha-server-${n}`;
      servers.push(await registerFixture(replica(NAMES[n % 3]), name, 'v2-server.mjs', [`--fleet-ha-${name}`]));
    }
    sampler = setInterval(() => {
      samples.taken += 1;
      for (const [name, count] of processCounts(servers.map(marker))) {
        if (count > 1) {
          samples.doubled.push(`${name}: ${count} processes at ${new Date().toISOString()}`);
        }
      }
    }, 500);
    const token = (await http<{ accessToken: string }>(a.url, 'POST', '/api/auth/login', ADMIN)).body.accessToken;
    socket = io(a.url, { path: SOCKET_PATH, transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket?.once('connect', () => resolve());
      socket?.once('connect_error', reject);
    });
    socket.on('new_event', (event) => heard.push(event));
    const confirmed = new Promise((resolve) => socket?.once('subscription_confirmed', resolve));
    socket.emit('subscribe', { events: ['new_event'] });
    await confirmed;
  }, 120_000);

  afterAll(async () => {
    stop = true;
    clearInterval(sampler);
    socket?.disconnect();
    for (const instance of replicas.values()) {
      try {
        process.kill(instance.pid, 'SIGCONT');
      } catch {
        // gone already
      }
    }
    proxy?.restore();
    for (const instance of replicas.values()) {
      await instance.kill('SIGTERM');
    }
    await proxy?.close();
  }, 120_000);

  it('starts 30 servers through all three replicas, each once, spread over the three', async () => {
    // Two at a time through each replica, as an operator's script would (30 node processes
    // spawned at once on a 2-core machine starve everything, the leases' renewals included).
    const results: string[] = [];
    for (let n = 0; n < SERVERS; n += 6) {
      results.push(
        ...(await Promise.all(
          servers
            .slice(n, n + 6)
            .map((server, k) => commandOk(replica(NAMES[(n + k + 1) % 3]), server.id, 'start').then((r) => `${r.state} ${r.message}`)),
        )),
      );
    }
    expect(results.map((r, n) => `${n}:${r}`).filter((r) => !/^\d+:running /.test(r))).toEqual([]);
    expect(await runningOnce(servers.map((s) => s.id))).toBe(true);
    const instances = (await replica('ha-2').get<ApiInstanceInfo[]>('/api/mcp/instances')).body;
    expect(instances.map((i) => i.instanceId)).toEqual([...NAMES]);
    expect(instances.reduce((sum, i) => sum + i.ownedServers, 0)).toBe(SERVERS);
    for (const instance of instances) {
      expect(instance.ownedServers).toBeGreaterThan(0);
    }
    // Each server's detail names its owner, whichever replica answers.
    const owners = await ownersNow();
    for (const [n, server] of servers.entries()) {
      const detail = (await replica(NAMES[n % 3]).get<McpServerDetail>(`/api/mcp/servers/${server.id}`)).body;
      expect(detail.owner).toBe(owners.get(server.id));
    }
  }, 120_000);

  it('answers tool calls, restarts, stops and starts of every server through every replica', async () => {
    for (const server of servers) {
      for (const name of NAMES) {
        const call = await replica(name).post<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, {
          arguments: { text: `${server.name} via ${name}` },
        });
        const answer = `${call.status} ${JSON.stringify(call.body.result ?? call.body)}`;
        expect(answer).toMatch(/^200 /);
        expect(answer).toContain(`"content":[{"type":"text","text":"${server.name} via ${name}"}]`);
      }
    }
    await inBatches(servers, 6, async (server, n) => {
      const [a, b, c] = [NAMES[n % 3], NAMES[(n + 1) % 3], NAMES[(n + 2) % 3]];
      expect((await commandOk(replica(a), server.id, 'restart')).state).toBe('running');
      expect((await commandOk(replica(b), server.id, 'stop')).state).toBe('stopped');
      expect((await commandOk(replica(c), server.id, 'start')).state).toBe('running');
    });
    expect(await runningOnce(servers.map((s) => s.id))).toBe(true);
    expect(samples.doubled).toEqual([]);
  }, 180_000);

  it('pushes to a socket on ha-1, in seq order and without a gap, every event, wherever it was caused', async () => {
    const last = (await replica('ha-3').get<{ items: FleetEvent[] }>('/api/mcp/events?limit=1')).body.items[0].seq;
    await eventually(() => (heard.at(-1)?.seq ?? 0) >= last || undefined, 'the socket caught up', { timeoutMs: 10_000, intervalMs: 100 });
    const seqs = heard.map((event) => event.seq);
    const first = seqs[0];
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, n) => first + n));
    expect(new Set(heard.map((event) => event.instanceId))).toEqual(new Set(NAMES));
  }, 30_000);

  it('pushes bulk progress and stderr lines to a socket on ha-1, wherever they happen', async () => {
    const ticks: BulkOperationProgress[] = [];
    const lines: ServerLogLine[] = [];
    socket?.on('bulk_operation_progress', (tick) => ticks.push(tick));
    socket?.on('server_log', (line) => lines.push(line));
    const confirmed = new Promise((resolve) => socket?.once('subscription_confirmed', resolve));
    socket?.emit('subscribe', { events: ['bulk_operation_progress', 'server_log'] });
    await confirmed;
    const owners = await ownersNow();
    const elsewhere = servers.filter((server) => owners.get(server.id) !== 'ha-1').slice(0, 3);

    const bulk = await replica('ha-3').post<BulkOperationResponse>('/api/mcp/servers/bulk/restart', {
      serverIds: elsewhere.map((server) => server.id),
    });

    expect(bulk.body.succeeded).toBe(3);
    await eventually(
      () => (ticks.filter((tick) => tick.operationId === bulk.body.operationId && tick.completed === 3).length > 0 ? true : undefined),
      'the last progress tick of a bulk run on ha-3',
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    await eventually(
      () =>
        elsewhere.every((server) => lines.some((line) => line.serverId === server.id && line.line.includes('ready'))) ? true : undefined,
      'the stderr lines of servers run elsewhere',
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  }, 60_000);

  it('runs the servers of a replica killed with SIGKILL on the others within 15 s', async () => {
    const owners = await ownersNow();
    const lost = [...owners].filter(([, owner]) => owner === 'ha-2').map(([id]) => id);
    expect(lost.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    await replica('ha-2').kill('SIGKILL');
    await eventually(async () => ((await runningOnce(lost)) ? true : undefined), 'the servers of ha-2 running elsewhere', {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const tookMs = Date.now() - killedAt;
    const after = await ownersNow();
    // Back again before any assertion, so a failure here does not take the later tests down with it.
    await boot('ha-2');
    expect(lost.map((id) => after.get(id)).filter((owner) => owner === 'ha-2' || owner === undefined)).toEqual([]);
    expect(tookMs).toBeLessThanOrEqual(TAKEOVER_MS);
    const changes = (await replica('ha-1').get<{ items: FleetEvent[] }>(`/api/mcp/events?type=server.owner_changed&limit=200`)).body.items;
    expect(changes.filter((e) => lost.includes(e.serverId as string) && e.data['reason'] === 'takeover')).toHaveLength(lost.length);

    // Back again: it takes nothing away from the replicas running its former servers.
    await sleep(5000);
    expect([...(await ownersNow()).values()].filter((owner) => owner === 'ha-2')).toEqual([]);
    expect(samples.doubled).toEqual([]);
  }, 120_000);

  /**
   * Cuts a replica off for 30 s: its servers run elsewhere within the takeover bound, and once it is
   * back (and has had settleMs to notice) it has written nothing about them.
   */
  async function cutOffFor30s(victim: Name, reader: Name, cut: () => void, restore: () => void, settleMs: number): Promise<void> {
    const lost = [...(await ownersNow())].filter(([, owner]) => owner === victim).map(([id]) => id);
    expect(lost.length).toBeGreaterThan(0);
    const [{ seq: before }] = (await replica(reader).get<{ items: FleetEvent[] }>('/api/mcp/events?limit=1')).body.items;
    const cutAt = Date.now();
    cut();
    try {
      await eventually(async () => ((await runningOnce(lost)) ? true : undefined), `the servers of ${victim} running elsewhere`, {
        timeoutMs: 60_000,
        intervalMs: 250,
      });
      expect(Date.now() - cutAt).toBeLessThanOrEqual(TAKEOVER_MS);
      await sleep(Math.max(0, 30_000 - (Date.now() - cutAt)));
    } finally {
      restore();
    }
    await sleep(settleMs);
    expect(await runningOnce(lost)).toBe(true);
    const written = (await replica(reader).get<{ items: FleetEvent[] }>(`/api/mcp/events?afterSeq=${before}&limit=1000`)).body.items;
    // Nothing about the moved servers from the replica that lost them.
    expect(written.filter((e) => e.instanceId === victim && lost.includes(e.serverId as string)).map((e) => e.type)).toEqual([]);
    expect(samples.doubled).toEqual([]);
  }

  it('moves the servers of a replica frozen with SIGSTOP for 30 s, and after SIGCONT it writes nothing stale', async () => {
    const { pid } = replica('ha-1');
    await cutOffFor30s(
      'ha-1',
      'ha-3',
      () => process.kill(pid, 'SIGSTOP'),
      () => process.kill(pid, 'SIGCONT'),
      6000,
    );
  }, 120_000);

  it('moves the servers of a replica cut from its database for 30 s, and it writes nothing stale when it returns', async () => {
    await cutOffFor30s(
      'ha-3',
      'ha-2',
      () => proxy.sever(),
      () => proxy.restore(),
      8000,
    );
  }, 120_000);

  // Once failing in about one run in three: a replica that boots reaped, as left behind by a dead
  // API, the servers a peer had just taken over (replicas without a host in their id count as this
  // host's, and a peer not yet listening was not "live"). The diagnostics below print each failing
  // server's lastFailure, its events, and what the replicas said about leases and fencing.
  it('keeps answering through a rolling restart of the three: 0 failed requests for a retrying client', async () => {
    const failures: string[] = [];
    let requests = 0;
    const stream = (async () => {
      for (let n = 0; !stop; n++) {
        const server = servers[n % servers.length];
        const call = await retrying<CallToolResponse>(`/api/mcp/servers/${server.id}/tools/echo/call`, 'POST', {
          arguments: { text: 'steady' },
        });
        requests += 1;
        if (call.status !== 200) {
          failures.push(`${server.name}: ${call.status} ${JSON.stringify(call.body)}`);
        }
        await sleep(50);
      }
    })();
    for (const name of NAMES) {
      await replica(name).kill('SIGTERM');
      await boot(name);
      await sleep(3000);
    }
    stop = true;
    await stream;
    expect(requests).toBeGreaterThan(20);
    if (failures.length > 0) {
      // Why they were in error: each failing server's last failure, as the API recorded it.
      for (const server of servers.filter((s) => failures.some((f) => f.startsWith(`${s.name}:`)))) {
        const detail = (await retrying<McpServer>(`/api/mcp/servers/${server.id}`, 'GET')).body;
        failures.push(`${server.name} last failure: ${JSON.stringify(detail.lastFailure)}`);
        const events = (await retrying<{ items: FleetEvent[] }>(`/api/mcp/events?serverId=${server.id}&limit=12`, 'GET')).body.items;
        failures.push(...events.map((e) => `  ${e.timestamp} ${e.instanceId ?? '-'} ${e.type} ${JSON.stringify(e.data).slice(0, 160)}`));
      }
      for (const name of NAMES) {
        const said = replica(name)
          .output()
          .split('\n')
          .filter((line) => /Killed a server process|Leases|renew|fenc|taken over/i.test(line));
        failures.push(...said.map((line) => `${name}: ${line.slice(0, 300)}`));
      }
    }
    expect(failures).toEqual([]);
    await eventually(async () => ((await runningOnce(servers.map((s) => s.id))) ? true : undefined), 'every server running once', {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect(samples.doubled).toEqual([]);
    expect(samples.taken).toBeGreaterThan(100);
  }, 240_000);
});
