import { hostname } from 'node:os';

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { RunsRepository, type ServerRun } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { ReadinessRegistry } from '@mcp-fleet/api/shared/http';
import type { ServerState } from '@mcp-fleet/shared/contracts';

import { statusChanged } from '../domain/lifecycle-events';
import { groupAlive, processStartTicks, signalGroup, waitForGroupExit } from '../process/proc';
import { Watchdog } from '../process/watchdog';
import { Supervisor } from './supervisor.service';

/** Servers started at once on boot: enough to be quick, few enough not to stampede. */
const BOOT_CONCURRENCY = 4;
const RECONCILE_EVERY_MS = 30_000;

/**
 * Brings the world in line with the database at boot (leftover processes of a previous run are
 * killed, servers that should run are started) and keeps it so: every 30 s, a server that
 * should run and is stopped is started.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  private timer: NodeJS.Timeout | undefined;
  private booting: Promise<void> | undefined;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly watchdog: Watchdog,
    private readonly servers: McpServerRepository,
    private readonly runs: RunsRepository,
    private readonly store: EventStore,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness?.register('supervisor', () => (this.supervisor.running ? null : 'shutting down'));
    this.watchdog.start();
    await this.reapLeftovers();
    await this.resetOrphanedStates();
    // Started in the background: the API answers while servers come up.
    // At boot a server left in error gets a fresh try (the restart policy of the last process is gone).
    this.booting = this.startWanted(['stopped', 'error']).catch((error: unknown) =>
      this.logger.error({ err: error }, 'Boot reconciliation failed'),
    );
    this.timer = setInterval(() => void this.startWanted().catch(() => undefined), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.booting;
  }

  /** Kills processes a previous API process left behind, identified by pid and start time, never by name. */
  async reapLeftovers(): Promise<number> {
    let reaped = 0;
    for (const run of await this.runs.findOpen()) {
      if (!sameHost(run)) {
        continue; // another host's instance owns it
      }
      if (run.pid !== null && (await killIfOurs(run))) {
        reaped += 1;
        this.logger.warn({ serverId: run.serverId, pid: run.pid }, 'Killed a server process left by a previous run of the API');
      }
      await this.runs.close(run.runId, { exitCode: null, exitSignal: null, endReason: 'API_RESTARTED' });
    }
    return reaped;
  }

  private async resetOrphanedStates(): Promise<void> {
    const context = systemContext();
    for (const server of await this.servers.findInStates(['starting', 'running', 'stopping'])) {
      // Along the edges of the state machine: running has no direct edge to stopped.
      let from = server.state;
      if (from === 'running' && (await this.servers.transition(server.id, ['running'], 'stopping'))) {
        await this.store.append(statusChanged(server, 'running', 'stopping', 'the API restarted', context));
        from = 'stopping';
      }
      const moved = await this.servers.transition(server.id, [from], 'stopped');
      if (moved) {
        await this.store.append(statusChanged(moved, from, 'stopped', 'the API restarted', context));
      }
    }
  }

  private async startWanted(states: ServerState[] = ['stopped']): Promise<void> {
    const wanted = (await this.servers.findByDesiredState('running')).filter(
      (server) => server.enabled && states.includes(server.state) && !this.supervisor.runtimeOf(server.id),
    );
    let next = 0;
    const worker = async () => {
      while (next < wanted.length && this.supervisor.running) {
        const server = wanted[next++];
        await this.supervisor
          .resume(server.id)
          .catch((error: unknown) => this.logger.warn({ err: error, serverId: server.id }, 'Could not resume a server'));
      }
    };
    await Promise.all(Array.from({ length: BOOT_CONCURRENCY }, worker));
  }
}

function sameHost(run: ServerRun): boolean {
  const host = run.instanceId.split(':')[0];
  return host === hostname().slice(0, 80) || !run.instanceId.includes(':');
}

async function killIfOurs(run: ServerRun): Promise<boolean> {
  const pid = run.pid as number;
  const ticks = processStartTicks(pid);
  // The recorded leader alive with the recorded start time, or its group living on without it
  // (a pid is never reused while it names a live process group).
  const ours = ticks !== null ? ticks === run.processStartTicks : groupAlive(pid);
  if (!ours) {
    return false;
  }
  signalGroup(pid, 'SIGTERM');
  if (!(await waitForGroupExit(pid, 2000))) {
    signalGroup(pid, 'SIGKILL');
    await waitForGroupExit(pid, 2000);
  }
  return true;
}
