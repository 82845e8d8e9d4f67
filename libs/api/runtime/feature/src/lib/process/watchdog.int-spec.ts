import { randomUUID } from 'node:crypto';

import { RunsRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { createIntegrationContext, eventually, fixture, type IntegrationContext } from '@mcp-fleet/api/shared/testing';

import { RuntimeFeatureModule } from '../runtime-feature.module';
import { Supervisor } from '../supervisor/supervisor.service';
import { groupAlive } from './proc';
import { Watchdog } from './watchdog';

describe('Watchdog: the process groups it would signal (real PostgreSQL, real processes)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([RuntimeFeatureModule]);
  });
  afterAll(() => ctx.close());

  it('forgets the group of a server that exited on its own once the group is empty', async () => {
    const id = randomUUID();
    await ctx.module.get(McpServerRepository).insert({
      id,
      name: `exits-${id.slice(0, 8)}`,
      description: '',
      type: 'test',
      transport: 'stdio',
      // Exits with code 3 two seconds after it started, and is not restarted.
      config: {
        command: process.execPath,
        args: [fixture('exit-after.mjs'), '2', '3'],
        startupTimeoutMs: 15_000,
        requestTimeoutMs: 5_000,
        killTimeoutMs: 1_000,
        retryAttempts: 0,
        maxRestarts: 0,
        healthCheckIntervalMs: 30_000,
        healthCheckTimeoutMs: 5_000,
        healthFailureThreshold: 3,
      },
      health: { status: 'unknown', reason: null, lastCheckedAt: null, consecutiveFailures: 0, latencyMs: null },
      metrics: { requestCount: 0, errorCount: 0, averageResponseTimeMs: null, restartCount: 0, lastStartedAt: null },
      enabled: true,
      tags: [],
      state: 'stopped',
      status: 'stopped',
      desiredState: 'stopped',
    });
    const watchdog = ctx.module.get(Watchdog);

    const outcome = await ctx.module.get(Supervisor).start(id, systemContext());
    expect(outcome.server.state).toBe('running');
    const [run] = await ctx.module.get(RunsRepository).latestFor(id);
    const pgid = run.pid as number;
    expect(watchdog.watched.has(pgid)).toBe(true);

    await eventually(() => !groupAlive(pgid) || undefined, 'the server to exit', { timeoutMs: 15_000 });
    // Its id is free now: a self-fence or a crash of the API must not signal whoever gets it next.
    await eventually(() => !watchdog.watched.has(pgid) || undefined, 'the watchdog to forget the empty group', { timeoutMs: 5_000 });
  }, 30_000);
});
