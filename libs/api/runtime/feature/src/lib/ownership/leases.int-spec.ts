import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { LeasesRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { createIntegrationContext, eventually, type IntegrationContext } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { groupAlive, signalGroup } from '../process/proc';
import { Watchdog } from '../process/watchdog';
import { RuntimeFeatureModule } from '../runtime-feature.module';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('leases: ownership with fencing (real database)', () => {
  let ctx: IntegrationContext;
  let leases: LeasesRepository;
  let servers: McpServerRepository;

  beforeAll(async () => {
    ctx = await createIntegrationContext([RuntimeFeatureModule]);
    leases = ctx.module.get(LeasesRepository);
    servers = ctx.module.get(McpServerRepository);
  });
  afterAll(() => ctx.close());

  /** In error and not wanted running: this context's own replica never places it meanwhile. */
  async function register(state: McpServer['state'] = 'error'): Promise<McpServer> {
    const id = randomUUID();
    return servers.insert({
      id,
      name: `leased-${id.slice(0, 8)}`,
      description: '',
      type: 'test',
      transport: 'stdio',
      config: { command: 'node' } as McpServer['config'],
      health: { status: 'unknown', reason: null, lastCheckedAt: null, consecutiveFailures: 0, latencyMs: null },
      metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: null },
      enabled: true,
      tags: [],
      state,
      status: state === 'running' ? 'running' : state === 'error' ? 'error' : 'stopped',
      desiredState: 'stopped',
    });
  }

  it('gives a server to one replica at a time; another takes it only after expiry, with a new generation', async () => {
    const server = await register();
    const a = await leases.acquire(server.id, 'ha-1', 300);
    expect(a).toEqual({ serverId: server.id, generation: 1, previousOwner: null });
    expect(await leases.acquire(server.id, 'ha-2', 10_000)).toBeUndefined();
    expect(await leases.ownerOf(server.id)).toMatchObject({ owner: 'ha-1', generation: 1 });

    await sleep(400);
    const b = await leases.acquire(server.id, 'ha-2', 10_000);
    expect(b).toEqual({ serverId: server.id, generation: 2, previousOwner: 'ha-1' });
    // The old owner's renewal no longer finds its lease: it knows it lost it.
    expect(await leases.renew('ha-1', [{ serverId: server.id, generation: 1 }], 10_000)).toEqual([]);
    expect(await leases.renew('ha-2', [{ serverId: server.id, generation: 2 }], 10_000)).toEqual([{ serverId: server.id, generation: 2 }]);
  });

  it('keeps an expired lease that nobody took (a database outage), and never renews a predecessor’s lease', async () => {
    const server = await register();
    await leases.acquire(server.id, 'ha-1', 100);
    await sleep(200);
    expect(await leases.renew('ha-1', [{ serverId: server.id, generation: 1 }], 10_000)).toHaveLength(1);
    // A restarted process with the same instance id holds nothing: it renews nothing.
    expect(await leases.renew('ha-1', [], 10_000)).toEqual([]);
    expect(await leases.renew('ha-1', [{ serverId: server.id, generation: 7 }], 10_000)).toEqual([]);
  });

  it('refuses a state write from an owner whose generation is stale, and from anyone while another owns it', async () => {
    const server = await register();
    await leases.acquire(server.id, 'ha-1', 100);
    await sleep(200);
    await leases.acquire(server.id, 'ha-2', 10_000);

    expect(await servers.transition(server.id, ['error'], 'stopped', {}, { owner: 'ha-1', generation: 1 })).toBeUndefined();
    expect(await servers.transition(server.id, ['error'], 'stopped', {}, { owner: 'ha-3', generation: null })).toBeUndefined();
    expect((await servers.findById(server.id))?.state).toBe('error');
    expect((await servers.transition(server.id, ['error'], 'stopped', {}, { owner: 'ha-2', generation: 2 }))?.state).toBe('stopped');
  });

  it('releases without forgetting the generation, so fencing still holds afterwards', async () => {
    const server = await register();
    const first = await leases.acquire(server.id, 'ha-1', 10_000);
    await leases.release(server.id, 'ha-1', first?.generation as number);
    expect(await leases.ownerOf(server.id)).toBeUndefined();
    const [row] = await ctx.dataSource.query<{ owner: string; released: boolean }[]>(
      `SELECT owner, released_at IS NOT NULL AS released FROM server_leases WHERE server_id = $1`,
      [server.id],
    );
    expect(row).toEqual({ owner: 'ha-1', released: true });
    expect(await leases.acquire(server.id, 'ha-2', 10_000)).toMatchObject({ generation: 2, previousOwner: 'ha-1' });
  });
});

describe('watchdog: the self-fence', () => {
  const watchdog = new Watchdog();
  const groups: number[] = [];

  function serverProcess(): number {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    child.unref();
    groups.push(child.pid as number);
    return child.pid as number;
  }

  beforeAll(() => watchdog.start());
  afterAll(() => {
    watchdog.stop();
    for (const pgid of groups) {
      signalGroup(pgid, 'SIGKILL');
    }
  });

  it('keeps the processes while deadlines keep coming, and kills them when they stop', async () => {
    const pgid = serverProcess();
    watchdog.watch(pgid);
    for (let n = 0; n < 5; n++) {
      watchdog.deadline(400);
      await sleep(200);
    }
    expect(groupAlive(pgid)).toBe(true);
    await eventually(() => (groupAlive(pgid) ? undefined : true), 'the group killed after the missed deadline', {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
  });

  it('does nothing once disarmed (a replica alone, or leaving)', async () => {
    const pgid = serverProcess();
    watchdog.watch(pgid);
    watchdog.deadline(200);
    watchdog.deadline(0);
    await sleep(700);
    expect(groupAlive(pgid)).toBe(true);
  });
});
