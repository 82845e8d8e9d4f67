import { randomUUID } from 'node:crypto';

import { register as metrics } from 'prom-client';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { createIntegrationContext, eventually, type IntegrationContext } from '@mcp-fleet/api/shared/testing';
import {
  COMMAND_ACCEPTED_FROM,
  type FleetEvent,
  LIFECYCLE_COMMANDS,
  type McpServer,
  SERVER_STATES,
  type ServerConfig,
  type ServerTransport,
  statusOf,
} from '@mcp-fleet/shared/contracts';

import { DEFAULT_RESTART_POLICY, type RestartPolicyOptions } from '../domain/restart-policy';
import { RuntimeFactory } from '../run/runtime-factory';
import { RuntimeFeatureModule } from '../runtime-feature.module';
import { FakeRuntimeFactory } from './fake-runs';
import { RESTART_POLICY_OPTIONS, RestartScheduler } from './restart-scheduler';
import { Supervisor } from './supervisor.service';

/** Backoff in tenths of a second, no jitter: the delays are exact and the spec runs in seconds. */
const POLICY: RestartPolicyOptions = { ...DEFAULT_RESTART_POLICY, baseDelayMs: 100, maxDelayMs: 400, jitter: 0 };

const CONFIG: ServerConfig = {
  command: 'fake',
  startupTimeoutMs: 1000,
  requestTimeoutMs: 500,
  killTimeoutMs: 300,
  retryAttempts: 2,
  healthCheckIntervalMs: 150,
  healthCheckTimeoutMs: 100,
  healthFailureThreshold: 2,
  maxRestarts: 2,
};

describe('Supervisor (real PostgreSQL, fake runs)', () => {
  let ctx: IntegrationContext;
  let supervisor: Supervisor;
  let servers: McpServerRepository;
  let store: EventStore;
  const factory = new FakeRuntimeFactory();

  beforeAll(async () => {
    ctx = await createIntegrationContext(
      [RuntimeFeatureModule],
      {},
      {
        overrides: [
          { provide: RuntimeFactory, useValue: factory },
          { provide: RESTART_POLICY_OPTIONS, useValue: POLICY },
        ],
        throughProxy: true,
      },
    );
    supervisor = ctx.module.get(Supervisor);
    servers = ctx.module.get(McpServerRepository);
    store = ctx.module.get(EventStore);
  });
  afterAll(() => ctx.close());

  async function register(config: Partial<ServerConfig> = {}, transport: ServerTransport = 'stdio'): Promise<McpServer> {
    const id = randomUUID();
    const remote = transport === 'stdio' ? {} : { command: undefined, url: 'http://127.0.0.1:9/mcp' };
    return servers.insert({
      id,
      name: `fake-${id.slice(0, 8)}`,
      description: '',
      type: 'test',
      transport,
      config: { ...CONFIG, ...remote, ...config },
      health: { status: 'unknown', reason: null, lastCheckedAt: null, consecutiveFailures: 0, latencyMs: null },
      metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: null },
      enabled: true,
      tags: [],
      state: 'stopped',
      status: 'stopped',
      desiredState: 'stopped',
    });
  }

  async function events(serverId: string, type?: string): Promise<FleetEvent[]> {
    await store.flush();
    const rows = await ctx.dataSource.query<{ seq: string; type: string; data: Record<string, unknown>; occurred_at: Date }[]>(
      `SELECT seq, type, data, occurred_at FROM events WHERE server_id = $1 ${type ? 'AND type = $2' : ''} ORDER BY seq`,
      type ? [serverId, type] : [serverId],
    );
    return rows.map((row) => ({ type: row.type, data: row.data, timestamp: row.occurred_at.toISOString() }) as unknown as FleetEvent);
  }

  const stateOf = async (serverId: string) => (await servers.findById(serverId))?.state;

  it('records where a start placed a server: one owner_changed (placement), none for a restart or a start again here', async () => {
    const server = await register();
    const placements = async () =>
      (await metrics.getSingleMetricAsString('mcp_lease_acquisitions_total')).match(/reason="placement"} (\d+)/)?.[1];
    const before = Number((await placements()) ?? 0);
    await supervisor.start(server.id, systemContext());
    await supervisor.restart(server.id, systemContext());
    await supervisor.stop(server.id, systemContext());
    await supervisor.start(server.id, systemContext());

    const changes = await events(server.id, 'server.owner_changed');
    expect(changes.map((e) => e.data)).toEqual([{ from: null, to: ctx.module.get(AppConfig).instanceId, reason: 'placement' }]);
    expect(Number(await placements()) - before).toBe(1);
    await supervisor.stop(server.id, systemContext());
  });

  it('restarts a crashing server with doubling delays, then gives up with CRASH_LOOP', async () => {
    const server = await register();
    await supervisor.start(server.id, systemContext());

    for (let crash = 1; crash <= 3; crash++) {
      await eventually(
        async () => ((await stateOf(server.id)) === 'running' && factory.runsOf(server.id).length === crash ? true : undefined),
        `run ${crash}`,
      );
      factory.latest(server.id).exit(1);
    }

    const gaveUp = await eventually(async () => (await events(server.id, 'server.crash_loop'))[0], 'the crash loop');
    expect(gaveUp.data).toEqual({ count: 3 });
    expect((await events(server.id, 'server.restart_scheduled')).map((e) => e.data['delayMs'])).toEqual([100, 200]);
    const detail = await servers.findById(server.id);
    expect([detail?.state, detail?.health.reason]).toEqual(['error', 'CRASH_LOOP']);
    expect(factory.runsOf(server.id)).toHaveLength(3);
  });

  it('waits at least each scheduled delay before the next attempt', async () => {
    const server = await register({ maxRestarts: 5 });
    await supervisor.start(server.id, systemContext());
    const crashedAt: number[] = [];
    for (let crash = 1; crash <= 3; crash++) {
      await eventually(
        async () => ((await stateOf(server.id)) === 'running' && factory.runsOf(server.id).length === crash ? true : undefined),
        `run ${crash}`,
      );
      crashedAt.push(Date.now());
      factory.latest(server.id).exit(1);
    }
    await eventually(
      async () => ((await stateOf(server.id)) === 'running' && factory.runsOf(server.id).length === 4 ? true : undefined),
      'run 4',
    );

    const started = factory.runsOf(server.id).map((run) => run.startedAtMs);
    expect(started[1] - crashedAt[0]).toBeGreaterThanOrEqual(100);
    expect(started[2] - crashedAt[1]).toBeGreaterThanOrEqual(200);
    expect(started[3] - crashedAt[2]).toBeGreaterThanOrEqual(400);
    await supervisor.stop(server.id, systemContext());
  });

  it('retries a failing start retryAttempts times, then stops with START_RETRIES_EXHAUSTED', async () => {
    const server = await register({ retryAttempts: 2 });
    factory.behaviour.set(server.id, { failStart: 'EXITED' });

    const first = await supervisor.start(server.id, systemContext());

    expect(first).toMatchObject({ success: false, errorCode: 'EXITED' });
    const exhausted = await eventually(async () => (await events(server.id, 'server.start_retries_exhausted'))[0], 'exhausted');
    expect(exhausted.data).toEqual({ count: 3 });
    expect(factory.runsOf(server.id)).toHaveLength(3);
    expect((await events(server.id, 'server.start_failed')).map((e) => e.data['reason'])).toEqual(['EXITED', 'EXITED', 'EXITED']);
    expect(await stateOf(server.id)).toBe('error');
  });

  it('retries a remote server forever: failed starts beyond retryAttempts, and no crash loop', async () => {
    const server = await register({ retryAttempts: 1, maxRestarts: 1 }, 'streamable-http');
    factory.behaviour.set(server.id, { failStart: 'CONNECTION_REFUSED' });

    await supervisor.start(server.id, systemContext());
    await eventually(() => factory.runsOf(server.id).length >= 6 || undefined, 'six attempts', { timeoutMs: 10_000 });
    factory.behaviour.set(server.id, {}); // the remote is back
    await eventually(async () => (await stateOf(server.id)) === 'running' || undefined, 'running again', { timeoutMs: 5000 });
    factory.latest(server.id).exit(1);
    await eventually(() => factory.runsOf(server.id).length >= 8 || undefined, 'a restart after the lost run');
    factory.latest(server.id).exit(1); // more ends than maxRestarts: a process would be in a crash loop now
    await eventually(() => factory.runsOf(server.id).length >= 9 || undefined, 'another restart');

    const types = (await events(server.id)).map((e) => e.type);
    expect(types).not.toContain('server.start_retries_exhausted');
    expect(types).not.toContain('server.crash_loop');
    const delays = (await events(server.id, 'server.restart_scheduled')).map((e) => e.data['delayMs']);
    expect(delays.slice(0, 5)).toEqual([100, 200, 400, 400, 400]);
    await supervisor.stop(server.id, systemContext());
  });

  it('retries a remote left in error with nothing retrying it; never one stopped, in maintenance, or a process', async () => {
    const scheduler = ctx.module.get(RestartScheduler);
    const strand = async (transport: ServerTransport) => {
      const server = await register({ retryAttempts: 0 }, transport);
      factory.behaviour.set(server.id, { failStart: 'CONNECTION_REFUSED' });
      await supervisor.start(server.id, systemContext());
      scheduler.cancel(server.id); // as after a due restart that could not run
      factory.behaviour.set(server.id, {});
      return server;
    };
    const stranded = await strand('streamable-http');
    const stopped = await strand('sse');
    await supervisor.stop(stopped.id, systemContext());
    const maintained = await strand('streamable-http');
    await supervisor.enterMaintenance(maintained.id, systemContext());
    const process = await strand('stdio');

    expect(await supervisor.retryStrandedRemotes()).toBe(1);
    await eventually(async () => (await stateOf(stranded.id)) === 'running' || undefined, 'the stranded remote running');
    expect(await supervisor.retryStrandedRemotes()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await stateOf(stopped.id)).toBe('stopped');
    expect(await stateOf(maintained.id)).toBe('maintenance');
    expect(await stateOf(process.id)).toBe('error');
    expect([stopped, maintained, process].map((server) => factory.runsOf(server.id).length)).toEqual([1, 1, 1]);
    await supervisor.stop(stranded.id, systemContext());
    await supervisor.stop(process.id, systemContext());
  });

  it('stops a hung server after failed probes and starts it again', async () => {
    const server = await register({ maxRestarts: 5 });
    factory.behaviour.set(server.id, { hung: true });
    await supervisor.start(server.id, systemContext());
    factory.behaviour.set(server.id, {}); // the next run answers

    await eventually(
      async () => ((await stateOf(server.id)) === 'running' && factory.runsOf(server.id).length === 2 ? true : undefined),
      'the second run',
      {
        timeoutMs: 10_000,
      },
    );

    const [hung] = factory.runsOf(server.id);
    expect(hung.stopRequests).toBe(1);
    const types = (await events(server.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['server.degraded', 'server.unhealthy', 'server.restart_scheduled']));
    const toError = (await events(server.id, 'server.status_changed')).find((e) => e.data['to'] === 'error');
    expect(toError?.data['reason']).toBe('TIMEOUT');
    await supervisor.stop(server.id, systemContext());
  });

  it('records an exit that happens while the database is away once it is back, and restarts the server', async () => {
    const server = await register({ maxRestarts: 5, healthCheckIntervalMs: 60_000 });
    await supervisor.start(server.id, systemContext());
    const [run] = factory.runsOf(server.id);

    ctx.proxy?.sever();
    run.exit(7);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(factory.runsOf(server.id)).toHaveLength(1); // nothing moves while nothing can be written
    ctx.proxy?.restore();

    await eventually(
      async () => ((await stateOf(server.id)) === 'running' && factory.runsOf(server.id).length === 2 ? true : undefined),
      'restarted',
      {
        timeoutMs: 20_000,
      },
    );
    const [exited] = await events(server.id, 'server.exited');
    expect(exited.data).toMatchObject({ exitCode: 7, reason: 'EXITED' });
    await supervisor.stop(server.id, systemContext());
  });

  it('escalates the stop of a server that ignores SIGTERM after killTimeoutMs, and says so', async () => {
    const server = await register({ killTimeoutMs: 300 });
    factory.behaviour.set(server.id, { ignoresSigterm: true });
    await supervisor.start(server.id, systemContext());

    const begun = Date.now();
    const stopped = await supervisor.stop(server.id, systemContext());

    expect(Date.now() - begun).toBeGreaterThanOrEqual(300);
    expect(stopped).toMatchObject({ success: true, message: 'Stopped with SIGKILL after SIGTERM was ignored' });
    const [event] = await events(server.id, 'server.stopped');
    expect(event.data).toMatchObject({ escalated: true, signal: 'SIGKILL' });
    expect(await stateOf(server.id)).toBe('stopped');
  });

  it.each(SERVER_STATES)('refuses, from %s, exactly the commands COMMAND_ACCEPTED_FROM does not list', async (state) => {
    const server = await register();
    await ctx.dataSource.query('UPDATE mcp_servers SET state = $2, status = $3 WHERE id = $1', [server.id, state, statusOf(state)]);
    const call = {
      start: () => supervisor.start(server.id, systemContext()),
      stop: () => supervisor.stop(server.id, systemContext()),
      restart: () => supervisor.restart(server.id, systemContext()),
      enter_maintenance: () => supervisor.enterMaintenance(server.id, systemContext()),
      exit_maintenance: () => supervisor.exitMaintenance(server.id, systemContext()),
    };
    for (const command of LIFECYCLE_COMMANDS.filter((c) => !COMMAND_ACCEPTED_FROM[c].includes(state))) {
      await expect(call[command]()).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { currentState: state, allowedFrom: COMMAND_ACCEPTED_FROM[command] },
      });
    }
  });
});
