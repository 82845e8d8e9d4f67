import { Injectable, Logger } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { RunsRepository } from '@mcp-fleet/api/runtime/data-access';
import { LiveFiguresRepository, McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { type CallContext, systemContext } from '@mcp-fleet/api/shared/authz';
import { isDatabaseUnavailable } from '@mcp-fleet/api/shared/errors';
import type { FailureReason, McpServer } from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import type { RunEnd, StopOutcome } from '../domain/run-end';
import { serverFailure } from '../domain/server-failure';
import { HealthMonitor, type ProbeResult } from '../health/health-monitor.service';
import { LeaseKeeper } from '../ownership/lease-keeper';
import { RunningServers } from '../run/running-servers';
import type { ServerRun } from '../run/server-run';
import { KeyedLock } from './keyed-lock';
import { RestartScheduler } from './restart-scheduler';
import { ServerTransitions } from './server-transitions';

/** A step the teardown runs; `persist` retries it while the database is away. */
type Persist = <T>(step: () => Promise<T>) => Promise<T>;

/** How a run ended by request, for the command's answer. */
export interface StoppedRun {
  runId: string;
  outcome: StopOutcome;
  end: RunEnd;
}

/**
 * Every way a run ends goes through one teardown (forget the run, stop probing it, clear its
 * live figures, close its run row), whatever ended it: a stop we asked for, an exit or a lost
 * connection, or failed probes. Unexpected ends are then moved to error (or to stopped for a
 * listed exit code) and handed to the restart scheduler. Background handling waits for the
 * database: an exit during an outage is recorded when it returns, never dropped.
 */
@Injectable()
export class RunWatcher {
  private readonly logger = new Logger(RunWatcher.name);
  private closing = false;

  constructor(
    private readonly running: RunningServers,
    private readonly transitions: ServerTransitions,
    private readonly scheduler: RestartScheduler,
    private readonly health: HealthMonitor,
    private readonly servers: McpServerRepository,
    private readonly figures: LiveFiguresRepository,
    private readonly runs: RunsRepository,
    private readonly store: EventStore,
    private readonly lock: KeyedLock,
    private readonly keeper: LeaseKeeper,
  ) {}

  /** After a completed start: hear how the run ends and what the probes say. */
  watch(server: McpServer, run: ServerRun): void {
    void run.ended.then((end) => this.ended(run, end));
    this.health.watch(server, run, (probe) => void this.unhealthy(run, probe));
  }

  /** The API shuts down: background steps stop waiting for the database. */
  close(): void {
    this.closing = true;
  }

  /** A stop we asked for: the stop sequence, the teardown and the `server.stopped` event. */
  async stopRun(server: McpServer, context: CallContext): Promise<StoppedRun | undefined> {
    const run = this.running.runOf(server.id);
    this.health.unwatch(server.id);
    if (!run) {
      return undefined;
    }
    const outcome = await run.stop(server.config.killTimeoutMs);
    const end = await run.ended;
    await this.teardown(run, end, outcome.escalated ? 'KILLED' : 'STOPPED', (step) => step());
    await this.store.append(lifecycle.stopped(server, { ...outcome, runId: run.runId, code: end.code, signal: end.signal }, context));
    return { runId: run.runId, outcome, end };
  }

  /**
   * The lease on the server is gone: its process is stopped and forgotten with nothing written
   * (the new owner writes the server's state now); only this run's own row is closed.
   */
  abandon(serverId: string): void {
    const run = this.running.runOf(serverId);
    this.health.unwatch(serverId);
    if (!run) {
      return;
    }
    this.running.remove(run);
    void run
      .stop(run.server.config.killTimeoutMs)
      .then(() => run.ended)
      .then((end) => this.runs.close(run.runId, { exitCode: end.code, exitSignal: end.signal, endReason: 'LEASE_LOST' }))
      .catch(() => undefined);
  }

  /** The shared teardown of a run, once it has ended. */
  async teardown(run: ServerRun, end: Pick<RunEnd, 'code' | 'signal'>, endReason: string, persist: Persist): Promise<void> {
    this.running.remove(run);
    this.health.unwatch(run.server.id);
    await persist(() => this.figures.clearUsage(run.server.id));
    await persist(() => this.runs.close(run.runId, { exitCode: end.code, exitSignal: end.signal, endReason }));
  }

  private async ended(run: ServerRun, end: RunEnd): Promise<void> {
    if (end.expected || !this.running.isCurrent(run)) {
      return; // a stop we asked for, handled by stopRun
    }
    const serverId = run.server.id;
    const persist: Persist = (step) => this.untilDatabaseAnswers(step);
    await this.lock
      .run(serverId, async () => {
        if (!(await persist(() => this.keeper.confirm(serverId)))) {
          // Killed by the self-fence, or taken over meanwhile: the state is the new owner's to write.
          this.abandon(serverId);
          return;
        }
        await this.teardown(run, end, end.reason, persist);
        const server = await persist(() => this.servers.findById(serverId));
        if (!server || server.state !== 'running') {
          return;
        }
        const context = systemContext();
        const done = end.reason === 'EXITED' && end.code !== null && (server.config.stopExitCodes ?? []).includes(end.code);
        const lost = end.reason === 'CONNECTION_LOST';
        await persist(() =>
          this.store.append(
            lost ? lifecycle.disconnected(server, run.runId, end, context) : lifecycle.exited(server, run.runId, end, context, done),
          ),
        );
        if (done) {
          // A listed exit code means the server finished its work: a stop, not a failure.
          const why = `exit code ${end.code} means done`;
          await persist(() => this.servers.setDesiredState(serverId, 'stopped'));
          const stopping = await persist(() => this.transitions.move(server, ['running'], 'stopping', why, context));
          await persist(() =>
            this.transitions.move(stopping, ['stopping'], 'stopped', why, context, {
              health: { status: 'unknown', reason: null, lastCheckedAt: new Date().toISOString(), consecutiveFailures: 0, latencyMs: null },
            }),
          );
          return;
        }
        const reason: FailureReason = end.reason === 'PROTOCOL_ERROR' || end.reason === 'CONNECTION_LOST' ? end.reason : 'EXITED';
        const failed = await persist(() =>
          this.transitions.move(server, ['running'], 'error', reason, context, {
            health: { ...server.health, status: 'unhealthy', reason, lastCheckedAt: new Date().toISOString() },
            failure: serverFailure(server, 'run', reason, end.message, {
              exitCode: end.code,
              signal: end.signal,
              lastStderr: end.lastStderr,
            }),
          }),
        );
        this.scheduler.afterFailure(failed, end.uptimeMs);
      })
      .catch((error: unknown) => this.logger.error({ err: error, serverId }, 'Handling an exit failed'));
  }

  /** Failed probes crossed the threshold: the process is hung or broken. Stop it and restart by policy. */
  private async unhealthy(run: ServerRun, probe: ProbeResult): Promise<void> {
    const serverId = run.server.id;
    await this.lock
      .run(serverId, async () => {
        if (!this.running.isCurrent(run)) {
          return;
        }
        const server = await this.servers.findById(serverId);
        if (!server || server.state !== 'running') {
          return;
        }
        await run.stop(server.config.killTimeoutMs);
        const end = await run.ended;
        await this.teardown(run, end, 'UNHEALTHY', (step) => this.untilDatabaseAnswers(step));
        const reason = probe.reason ?? 'UNHEALTHY';
        const failed = await this.transitions.move(server, ['running'], 'error', reason, systemContext(), {
          health: probe.health,
          failure: serverFailure(
            server,
            'unhealthy',
            reason,
            `Stopped after ${probe.health.consecutiveFailures} failed checks: ${probe.message}`,
            {
              exitCode: end.code,
              signal: end.signal,
              lastStderr: end.lastStderr,
            },
          ),
        });
        this.scheduler.afterFailure(failed, end.uptimeMs);
      })
      .catch((error: unknown) => this.logger.error({ err: error, serverId }, 'Handling an unhealthy server failed'));
  }

  /** Runs a database step again (1 s doubling to 10 s) while the database is away; other errors throw. */
  private async untilDatabaseAnswers<T>(step: () => Promise<T>): Promise<T> {
    let delay = 1000;
    for (;;) {
      try {
        return await step();
      } catch (error) {
        if (!isDatabaseUnavailable(error) || this.closing) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }
}
