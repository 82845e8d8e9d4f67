import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { InstancesRepository, RunsRepository } from '@mcp-fleet/api/runtime/data-access';
import { createIntegrationContext, type IntegrationContext } from '@mcp-fleet/api/shared/testing';

import { groupAlive, processStartTicks, signalGroup } from '../process/proc';
import { RuntimeFeatureModule } from '../runtime-feature.module';
import { Reconciler } from './reconciler.service';

/** A process in its own group that ignores SIGTERM and stdin EOF, like a stubborn leftover. */
function leftover(): number {
  const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child.pid as number;
}

describe('Reconciler: leftovers of a previous API process (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  const spawned: number[] = [];

  beforeAll(async () => {
    ctx = await createIntegrationContext([RuntimeFeatureModule]);
  });
  afterAll(async () => {
    for (const pid of spawned) {
      signalGroup(pid, 'SIGKILL');
    }
    await ctx.close();
  });

  async function openRun(pid: number, ticks: string | null, instanceId = `${hostname().slice(0, 80)}:99999`): Promise<string> {
    const runs = ctx.module.get(RunsRepository);
    const runId = randomUUID();
    await runs.open({ runId, serverId: randomUUID(), instanceId, transport: 'stdio' });
    await runs.recordProcess(runId, pid, ticks);
    return runId;
  }

  it('kills the recorded process group when pid and start time match, and leaves a reused pid alone', async () => {
    const ours = leftover();
    const stranger = leftover();
    spawned.push(ours, stranger);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await openRun(ours, processStartTicks(ours));
    // Same pid, another start time: the pid was reused by a process that is not ours.
    await openRun(stranger, '1');

    const reaped = await ctx.module.get(Reconciler).reapLeftovers();

    expect(reaped).toBe(1);
    expect(groupAlive(ours)).toBe(false);
    expect(groupAlive(stranger)).toBe(true);
    const open = await ctx.module.get(RunsRepository).findOpen();
    expect(open).toEqual([]);
  });

  it('leaves alone the processes of a replica that is alive but not listening yet, or leaving', async () => {
    const instances = ctx.module.get(InstancesRepository);
    // Replica ids without a host (INSTANCE_ID=ha-2) count as this host's.
    await instances.beat('booting-peer', '', 'test');
    await instances.beat('leaving-peer', 'http://127.0.0.1:1', 'test', true);
    const booting = leftover();
    const leaving = leftover();
    spawned.push(booting, leaving);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await openRun(booting, processStartTicks(booting), 'booting-peer');
    await openRun(leaving, processStartTicks(leaving), 'leaving-peer');

    const reaped = await ctx.module.get(Reconciler).reapLeftovers();

    expect(reaped).toBe(0);
    expect(groupAlive(booting)).toBe(true);
    expect(groupAlive(leaving)).toBe(true);
    expect((await ctx.module.get(RunsRepository).findOpen()).map((run) => run.instanceId).sort()).toEqual(['booting-peer', 'leaving-peer']);
  });
});
