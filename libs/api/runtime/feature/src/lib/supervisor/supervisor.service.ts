import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { RunsRepository } from '@mcp-fleet/api/runtime/data-access';
import { LiveFiguresRepository, McpServerRepository, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { type CallContext, systemContext } from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import {
  COMMAND_ACCEPTED_FROM,
  commandAccepted,
  type FailureReason,
  FAILURES_NEEDING_AN_OPERATOR,
  type LifecycleCommand,
  type McpServer,
  type ServerState,
  startsServer,
} from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import type { OperationTag } from '../domain/operation-tag';
import { invalidTransition, serverDisabled, statesLeadingTo } from '../domain/state-machine';
import { OperationsRepository } from '../operations/operations.repository';
import { LeaseKeeper } from '../ownership/lease-keeper';
import { ownerUnavailable } from '../ownership/owner-unavailable';
import { acquisitions } from '../ownership/ownership-metrics';
import { Watchdog } from '../process/watchdog';
import { RunningServers } from '../run/running-servers';
import type { ServerRun } from '../run/server-run';
import { CommandsInFlight } from './commands-in-flight';
import { KeyedLock } from './keyed-lock';
import { recordOperation } from './operation-metrics';
import type { Outcome } from './outcome';
import { RequestMetrics } from './request-metrics';
import { RestartScheduler } from './restart-scheduler';
import { RunStarter } from './run-starter';
import { RunWatcher } from './run-watcher';
import { ServerTransitions } from './server-transitions';

export type { Outcome } from './outcome';

/**
 * What commands call: start, stop, restart, maintenance, and the resume of a server at boot.
 * One per API instance. A command is admitted (joined, refused, or a stop waiting behind),
 * runs under the server's lock, is checked against COMMAND_ACCEPTED_FROM, and is carried out by
 * the starter, the watcher (stops) and the transitions; restarts come back through here from
 * the scheduler.
 */
@Injectable()
export class Supervisor implements OnModuleDestroy {
  private readonly logger = new Logger(Supervisor.name);
  private readonly inFlight = new CommandsInFlight<Outcome>();
  private readonly requestMetrics = new RequestMetrics();
  private readonly metricsTimer = setInterval(() => void this.flushMetrics(), 5000).unref();
  private accepting = true;

  constructor(
    private readonly servers: McpServerRepository,
    private readonly figures: LiveFiguresRepository,
    private readonly active: RunningServers,
    private readonly transitions: ServerTransitions,
    private readonly starter: RunStarter,
    private readonly watcher: RunWatcher,
    private readonly scheduler: RestartScheduler,
    private readonly lock: KeyedLock,
    private readonly watchdog: Watchdog,
    private readonly keeper: LeaseKeeper,
    private readonly runs: RunsRepository,
    private readonly store: EventStore,
    private readonly operations: OperationsRepository,
  ) {
    keeper.onLost((serverIds) => {
      for (const serverId of serverIds) {
        this.scheduler.forget(serverId);
        this.watcher.abandon(serverId);
      }
    });
    scheduler.onDue((serverId) =>
      this.command(serverId, 'start', async (server) =>
        server.desiredState === 'running' && server.enabled
          ? this.starter.start(server, systemContext(), () => !this.accepting, true)
          : { server, success: true, message: 'No longer wanted' },
      ),
    );
  }

  get running(): boolean {
    return this.accepting;
  }

  runtimeOf(serverId: string): ServerRun | undefined {
    return this.active.runOf(serverId);
  }

  /** The run of a server whose handshake completed here (ready for requests). */
  startedRunOf(serverId: string): ServerRun | undefined {
    return this.active.startedRunOf(serverId);
  }

  /** A tool call through the API: counted into the server's metrics. */
  recordCall(serverId: string, durationMs: number, failed: boolean): void {
    this.requestMetrics.record(serverId, durationMs, failed);
  }

  async flushMetrics(): Promise<void> {
    for (const [serverId, tally] of this.requestMetrics.drain()) {
      await this.figures
        .addRequestMetrics(serverId, tally.requests, tally.errors, tally.totalMs)
        .catch((error: unknown) => this.logger.warn({ err: error, serverId }, 'Request metrics not stored'));
    }
  }

  /** `operation`: what the change is recorded under, to be undone (see OperationTag); the same for every command below. */
  start(serverId: string, context: CallContext, operation?: OperationTag): Promise<Outcome> {
    return this.command(
      serverId,
      'start',
      async (server) => {
        this.scheduler.operatorActed(serverId);
        // The lease before the wish: a server wanted running without an owner is fair game for another replica's scan.
        await this.lease(server, context);
        return this.startNow(await this.transitions.want(server, 'running', operation, context), context);
      },
      context.correlationId,
      operation,
    );
  }

  stop(serverId: string, context: CallContext, operation?: OperationTag): Promise<Outcome> {
    // A start in progress holds the lock: end its process now so the stop does not wait for its timeout.
    // Not for an undo: it may yet be refused as a conflict, and must then change nothing.
    const starting = operation?.reverts ? undefined : this.active.starting().find((run) => run.server.id === serverId);
    void starting?.stop(starting.server.config.killTimeoutMs);
    return this.command(
      serverId,
      'stop',
      async (server) => {
        this.scheduler.cancel(serverId);
        return this.stopNow(await this.transitions.want(server, 'stopped', operation, context), context, 'stopped by request');
      },
      context.correlationId,
      operation,
    );
  }

  restart(serverId: string, context: CallContext, operation?: OperationTag): Promise<Outcome> {
    return this.command(
      serverId,
      'restart',
      async (server) => {
        this.scheduler.operatorActed(serverId);
        await this.lease(server, context);
        let current = await this.transitions.want(server, 'running', operation, context);
        if (current.state === 'running') {
          const stopped = await this.stopNow(current, context, 'restart');
          if (!stopped.success) {
            return stopped;
          }
          current = stopped.server;
        }
        return this.startNow(current, context, true);
      },
      context.correlationId,
      operation,
    );
  }

  enterMaintenance(serverId: string, context: CallContext, operation?: OperationTag): Promise<Outcome> {
    return this.command(
      serverId,
      'enter_maintenance',
      async (server) => {
        this.scheduler.forget(serverId);
        const current = await this.transitions.want(server, 'maintenance', operation, context);
        if (current.state === 'running') {
          // running → maintenance is one edge of the state machine: the process stops on the way.
          const stopped = await this.stopRun(current, context);
          return this.moved(stopped.server, ['running'], 'maintenance', 'maintenance', context, stopped.message);
        }
        return this.moved(current, statesLeadingTo('maintenance'), 'maintenance', 'maintenance', context, 'In maintenance');
      },
      context.correlationId,
      operation,
    );
  }

  exitMaintenance(serverId: string, context: CallContext, operation?: OperationTag): Promise<Outcome> {
    return this.command(
      serverId,
      'exit_maintenance',
      async (server) => {
        const current = await this.transitions.want(server, 'stopped', operation, context);
        return this.moved(current, ['maintenance'], 'stopped', 'maintenance ended', context, 'Out of maintenance (stopped)');
      },
      context.correlationId,
      operation,
    );
  }

  /**
   * Remote servers this replica owns that are in error, wanted running, and that nothing retries
   * (the API restarted after their last failure, or a due restart could not run): handed back to
   * the restart scheduler, which retries them by their policy. A server an operator stopped or put
   * in maintenance is not wanted running, so it is never picked up. Returns how many were.
   */
  async retryStrandedRemotes(): Promise<number> {
    if (!this.accepting) {
      return 0;
    }
    let adopted = 0;
    for (const candidate of await this.servers.findInStates(['error'])) {
      if (candidate.transport === 'stdio' || !this.keeper.holds(candidate.id) || this.isRetrying(candidate.id)) {
        continue;
      }
      // Under the server's lock: a start failing right now schedules its own retry first.
      const picked = await this.lock.run(candidate.id, async () => {
        const server = await this.servers.findById(candidate.id);
        const stranded =
          server?.state === 'error' &&
          server.desiredState === 'running' &&
          server.enabled &&
          !FAILURES_NEEDING_AN_OPERATOR.includes(server.health.reason as FailureReason) &&
          this.keeper.holds(server.id) &&
          !this.isRetrying(server.id);
        return stranded && this.scheduler.adopt(server);
      });
      if (picked) {
        adopted += 1;
        this.logger.warn({ serverId: candidate.id }, 'A remote server in error was retried by nothing: retrying it');
      }
    }
    return adopted;
  }

  /** A retry is due, a command runs, or a run is up. */
  private isRetrying(serverId: string): boolean {
    return this.scheduler.isPending(serverId) || this.inFlight.current(serverId) !== undefined || this.active.runOf(serverId) !== undefined;
  }

  /**
   * An undo puts a server back only while it is as the undone operation left it: a later
   * operation that changed its desired state, or a desired state that is no longer the one the
   * operation set (changed by the API itself, a stop exit code), is a conflict, left alone.
   */
  private async refuseIfChangedSince(operationId: string, server: McpServer): Promise<void> {
    const since = await this.operations.sinceOperation(operationId, server.id);
    if (!since) {
      throw serverNotFound(server.id);
    }
    const { later, desiredAfter } = since;
    if (later) {
      throw new DomainError(
        'UNDO_CONFLICT',
        `Changed since by ${later.actorName} (${later.command} at ${later.createdAt}): desired state ${later.desiredAfter}; left as it is`,
        { serverId: server.id, desiredState: server.desiredState, changedBy: later },
      );
    }
    if (server.desiredState !== desiredAfter) {
      throw new DomainError(
        'UNDO_CONFLICT',
        `Changed since: desired state ${server.desiredState}, not ${desiredAfter} as the operation left it; left as it is`,
        { serverId: server.id, desiredState: server.desiredState, changedBy: null },
      );
    }
  }

  /** After a claim: starts a server whose desired state is running. */
  resume(serverId: string): Promise<Outcome> {
    return this.command(serverId, 'start', (server) => this.startNow(server, systemContext()));
  }

  /**
   * Claims a server that no live replica owns (placement chose this one): takes its lease and
   * brings a state its lost owner left (running, starting, stopping) to stopped along the
   * edges. True when it should now be started here (`resume`); false when another replica took
   * it first, or it is not wanted running (its lease is then given up again).
   */
  async claim(serverId: string, lastOwner: string | null, released: boolean): Promise<boolean> {
    if (!this.accepting) {
      return false;
    }
    return this.lock.run(serverId, async () => {
      // Held already: a start through this replica took it since the scan read the leases.
      const acquired = this.keeper.holds(serverId) ? undefined : await this.keeper.acquire(serverId);
      if (!acquired) {
        return false;
      }
      let server = await this.servers.findById(serverId);
      if (!server) {
        await this.keeper.release(serverId);
        return false;
      }
      const context = systemContext();
      const reason = lastOwner === null ? 'placement' : released ? 'handover' : 'takeover';
      acquisitions.inc({ reason });
      if (acquired.previousOwner !== this.keeper.instanceId) {
        await this.store.append(lifecycle.ownerChanged(server, { from: lastOwner, to: this.keeper.instanceId, reason }, context));
      }
      if (server.state === 'running' || server.state === 'starting' || server.state === 'stopping') {
        const why = `owner ${lastOwner ?? 'unknown'} lost`;
        await this.runs.closeOpenOf(serverId, 'OWNER_LOST');
        if (server.state === 'running') {
          server = await this.transitions.move(server, ['running'], 'stopping', why, context);
        }
        server = await this.transitions.move(server, [server.state], 'stopped', why, context);
      }
      if (server.desiredState === 'running' && server.enabled && (server.state === 'stopped' || server.state === 'error')) {
        return true;
      }
      await this.keeper.release(serverId);
      return false;
    });
  }

  /** Stops every running server (desired states kept, so they come back on the next boot). */
  async onModuleDestroy(): Promise<void> {
    this.accepting = false;
    this.watcher.close();
    clearInterval(this.metricsTimer);
    await this.flushMetrics();
    // Starts in progress hold their lock until the handshake times out: end their processes now.
    for (const run of this.active.starting()) {
      void run.stop(run.server.config.killTimeoutMs);
    }
    this.scheduler.cancelAll();
    const context = systemContext();
    await Promise.all(
      this.active.serverIds().map((serverId) =>
        this.lock
          .run(serverId, async () => {
            const server = await this.servers.findById(serverId);
            if (server && (server.state === 'running' || server.state === 'starting')) {
              await this.stopNow(server, context, 'API shutdown', false);
            }
          })
          .catch((error: unknown) => this.logger.error({ err: error, serverId }, 'Could not stop a server at shutdown')),
      ),
    );
    // Handed over at once: the other replicas start these servers at their next scan.
    await this.keeper.handOver();
    this.watchdog.stop();
  }

  /**
   * A command from an operator or the scheduler: admitted by `inFlight` (joined, refused with 409,
   * or a stop waiting behind), then run under the server's lock with its state checked.
   */
  private async command(
    serverId: string,
    command: LifecycleCommand,
    run: (server: McpServer) => Promise<Outcome>,
    correlationId: string | null = null,
    operation?: OperationTag,
  ): Promise<Outcome> {
    if (!this.accepting) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The API is shutting down', undefined, { 'retry-after': '5' });
    }
    return this.inFlight.admit(serverId, command, correlationId, () => this.locked(serverId, command, run, operation?.reverts));
  }

  private locked(
    serverId: string,
    command: LifecycleCommand,
    run: (server: McpServer) => Promise<Outcome>,
    reverts?: string,
  ): Promise<Outcome> {
    return this.lock.run(serverId, async () => {
      const server = await this.servers.findById(serverId);
      if (!server) {
        throw serverNotFound(serverId);
      }
      const begun = performance.now();
      const seconds = () => (performance.now() - begun) / 1000;
      try {
        if (reverts) {
          // Under the server's lock: nobody changes it between this check and the undo's change.
          await this.refuseIfChangedSince(reverts, server);
        }
        // An undo may bring a server back from maintenance to running: it puts back what was.
        const undoesMaintenance = reverts !== undefined && command === 'start' && server.state === 'maintenance';
        if (!commandAccepted(command, server.state) && !undoesMaintenance) {
          throw invalidTransition(server.id, command, server.state, COMMAND_ACCEPTED_FROM[command]);
        }
        if (startsServer(command) && !server.enabled) {
          throw serverDisabled(server);
        }
        const outcome = await run(server);
        recordOperation(command, server.type, outcome.success ? 'success' : 'failure', seconds());
        return outcome;
      } catch (error) {
        recordOperation(command, server.type, error instanceof DomainError ? 'rejected' : 'failure', seconds());
        throw error;
      }
    });
  }

  /** A start runs where the lease is: taken first, refused (retryable) when another replica holds it. */
  private async startNow(server: McpServer, context: CallContext, isRestart = false): Promise<Outcome> {
    await this.lease(server, context);
    return this.starter.start(server, context, () => !this.accepting, isRestart);
  }

  /**
   * Takes the server's lease (kept when held), or refuses: another replica runs it (retryable,
   * routed there next time). A lease that was another replica's, or nobody's, is a placement.
   */
  private async lease(server: McpServer, context: CallContext): Promise<void> {
    const acquired = await this.keeper.acquire(server.id);
    if (!acquired) {
      throw ownerUnavailable(server.id, 'another replica runs it');
    }
    if (acquired.previousOwner !== this.keeper.instanceId) {
      acquisitions.inc({ reason: 'placement' });
      await this.store.append(
        lifecycle.ownerChanged(server, { from: acquired.previousOwner, to: this.keeper.instanceId, reason: 'placement' }, context),
      );
    }
  }

  /** To stopped: an error or maintenance directly; a running server through stopping and its stop sequence. */
  private async stopNow(server: McpServer, context: CallContext, reason: string, forget = true): Promise<Outcome> {
    if (server.state === 'error' || server.state === 'maintenance') {
      return this.moved(server, [server.state], 'stopped', reason, context, 'Stopped');
    }
    const stopping = server.state === 'running' ? await this.transitions.move(server, ['running'], 'stopping', null, context) : server;
    const stopped = await this.stopRun(stopping, context, forget);
    const final = await this.moved(stopped.server, ['stopping'], 'stopped', reason, context, stopped.message);
    return { ...final, success: stopped.success, errorCode: stopped.errorCode, errorDetails: stopped.errorDetails };
  }

  /** The run's stop sequence, its outcome worded for the command's answer. */
  private async stopRun(server: McpServer, context: CallContext, forget = true): Promise<Outcome> {
    const stopped = await this.watcher.stopRun(server, context);
    if (forget) {
      this.scheduler.forget(server.id);
    }
    if (!stopped) {
      return { server, success: true, message: 'Stopped (no process was running)' };
    }
    if (stopped.outcome.leftovers) {
      return { server, success: false, message: 'Processes of the server survived SIGKILL', errorCode: 'STOP_FAILED' };
    }
    return { server, success: true, message: stopped.outcome.escalated ? 'Stopped with SIGKILL after SIGTERM was ignored' : 'Stopped' };
  }

  private async moved(
    server: McpServer,
    from: readonly ServerState[],
    to: ServerState,
    reason: string,
    context: CallContext,
    message: string,
  ): Promise<Outcome> {
    return { server: await this.transitions.move(server, from, to, reason, context), success: true, message };
  }
}
