import { hostname } from 'node:os';

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';

import { LeasesRepository, RunsRepository, type ServerRun } from '@mcp-fleet/api/runtime/data-access';
import { ReadinessRegistry } from '@mcp-fleet/api/shared/http';

import { InstanceRegistry } from '../ownership/instance-registry';
import { LeaseKeeper } from '../ownership/lease-keeper';
import { takeoverOwner } from '../ownership/rendezvous';
import { SCAN_MS } from '../ownership/timing';
import { groupAlive, processStartTicks, signalGroup, waitForGroupExit } from '../process/proc';
import { Watchdog } from '../process/watchdog';
import { Supervisor } from './supervisor.service';

/** Servers taken over at once: enough to be quick, few enough not to stampede. */
const TAKEOVER_CONCURRENCY = 8;
/** How often remote servers left in error with nothing retrying them are looked for. */
const STRANDED_SCAN_MS = 10_000;

/**
 * Brings the world in line with the database and keeps it so. At boot: the leases of a previous
 * process of this host are given up and the processes it left are killed. Every SCAN_MS: each
 * server that should run (or was left running) without a live lease is taken over by the live
 * replica that rendezvous hashing chooses, when that is this one. Every STRANDED_SCAN_MS: remote
 * servers this replica owns that sit in error, wanted running, with no retry due are retried.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  private timer: NodeJS.Timeout | undefined;
  private strandedTimer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly watchdog: Watchdog,
    private readonly keeper: LeaseKeeper,
    private readonly registry: InstanceRegistry,
    private readonly leases: LeasesRepository,
    private readonly runs: RunsRepository,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness?.register('supervisor', () => (this.supervisor.running ? null : 'shutting down'));
    this.watchdog.start();
    await this.releaseDeadNeighbours();
    await this.keeper.start();
    await this.reapLeftovers();
    // The states a dead owner left are cleared before the API answers; the starts run in the
    // background, so the API answers while servers come up.
    const claimed = await this.claimUnowned();
    this.scanning = this.resumeAll(claimed).finally(() => (this.scanning = undefined));
    this.timer = setInterval(() => this.scan(), SCAN_MS);
    this.timer.unref();
    this.strandedTimer = setInterval(() => void this.retryStranded(), STRANDED_SCAN_MS);
    this.strandedTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.strandedTimer);
    await this.scanning;
  }

  /**
   * Kills processes a dead API process of this host left behind, identified by pid and start time,
   * never by name. Alive means a fresh heartbeat, read now: a replica that is still booting (it
   * starts servers before it listens, so it has no address yet) or leaving is no candidate for
   * placement, but its processes are its own. (Reaping by the placement list killed the servers a
   * peer had just taken over when a rolling restart booted the next replica.)
   */
  async reapLeftovers(): Promise<number> {
    const live = new Set((await this.registry.heardFrom()).filter((id) => id !== this.registry.instanceId));
    let reaped = 0;
    for (const run of await this.runs.findOpen()) {
      if (!sameHost(run.instanceId) || live.has(run.instanceId)) {
        continue; // another host's instance, or a live one of this host, owns it
      }
      if (run.pid !== null && (await killIfOurs(run))) {
        reaped += 1;
        this.logger.warn({ serverId: run.serverId, pid: run.pid }, 'Killed a server process left by a previous run of the API');
      }
      await this.runs.close(run.runId, { exitCode: null, exitSignal: null, endReason: 'API_RESTARTED' });
    }
    return reaped;
  }

  /** Takes over what no live replica owns and this one should run; one scan at a time. */
  scan(): void {
    this.scanning ??= this.claimUnowned()
      .then((claimed) => this.resumeAll(claimed))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'A scan for servers without an owner failed'))
      .finally(() => (this.scanning = undefined));
  }

  /**
   * Owned remote servers in error that should run and that nothing retries go back to the
   * restart scheduler (servers without a live owner are the scan's).
   */
  async retryStranded(): Promise<number> {
    try {
      return await this.supervisor.retryStrandedRemotes();
    } catch (error) {
      this.logger.warn({ err: error }, 'A scan for stranded remote servers failed');
      return 0;
    }
  }

  /** Claims the unowned servers placement gives this replica; returns those to start. */
  private async claimUnowned(): Promise<string[]> {
    const live = this.registry.live;
    const me = this.registry.instanceId;
    if (!live.includes(me) || !this.supervisor.running) {
      return [];
    }
    const mine = (await this.leases.unowned()).filter((server) => takeoverOwner(server.serverId, live, server.lastOwner) === me);
    const claimed: string[] = [];
    await this.inParallel(mine, async ({ serverId, lastOwner, released }) => {
      if (await this.supervisor.claim(serverId, lastOwner, released)) {
        claimed.push(serverId);
      }
    });
    return claimed;
  }

  private resumeAll(serverIds: string[]): Promise<void> {
    return this.inParallel(serverIds, async (serverId) => {
      await this.supervisor.resume(serverId);
    });
  }

  private async inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length && this.supervisor.running) {
        const item = items[next++];
        await work(item).catch((error: unknown) => this.logger.warn({ err: error, item }, 'Could not take a server over'));
      }
    };
    await Promise.all(Array.from({ length: TAKEOVER_CONCURRENCY }, worker));
  }

  /**
   * Leases of an API process of this host that is gone (its default instance id is host:pid):
   * given up at once, so a restarted single replica does not wait for them to expire.
   */
  private async releaseDeadNeighbours(): Promise<void> {
    const owners = new Set([...(await this.leases.countsByOwner()).keys(), ...(await this.registry.list()).map((row) => row.instanceId)]);
    for (const owner of owners) {
      const pid = Number(/^(.+):(\d+)$/.exec(owner)?.[2]);
      if (owner !== this.registry.instanceId && sameHost(owner) && Number.isInteger(pid) && !pidAlive(pid)) {
        await this.leases.releaseAllOf(owner);
        await this.registry.forget(owner);
      }
    }
  }
}

function sameHost(instanceId: string): boolean {
  const host = instanceId.split(':')[0];
  return host === hostname().slice(0, 80) || !instanceId.includes(':');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
