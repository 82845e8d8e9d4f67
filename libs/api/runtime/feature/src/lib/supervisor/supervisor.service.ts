import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { CatalogRepository, RunsRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository, openSecrets, serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { type CallContext, systemContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError, isDatabaseUnavailable } from '@mcp-fleet/api/shared/errors';
import { SecretBox, stdioPolicyOf } from '@mcp-fleet/api/shared/security';
import {
  COMMAND_ACCEPTED_FROM,
  commandAccepted,
  type FailureReason,
  type LifecycleCommand,
  type McpServer,
  type ServerState,
} from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../domain/restart-policy';
import { RuntimeFailure } from '../domain/runtime-failure';
import { invalidTransition, statesLeadingTo } from '../domain/state-machine';
import { HealthMonitor, type ProbeResult } from '../health/health-monitor.service';
import { LogSink, type OpenRunLog } from '../logs/log-sink.service';
import { Watchdog } from '../process/watchdog';
import { CommandsInFlight } from './commands-in-flight';
import { KeyedLock } from './keyed-lock';
import { recordOperation } from './operation-metrics';
import { RequestMetrics } from './request-metrics';
import { type LaunchPolicy, type RunEnd, ServerRuntime } from './server-runtime';

/** What a command did, before it is dressed as a CommandResult. */
export interface Outcome {
  server: McpServer;
  success: boolean;
  message: string;
  errorCode?: string;
  errorDetails?: unknown;
}

/**
 * One per API instance: owns the running servers, moves them through the state machine,
 * restarts them by policy, and records every step in the event store. Commands on one server
 * run one at a time.
 */
@Injectable()
export class Supervisor implements OnModuleDestroy {
  private readonly logger = new Logger(Supervisor.name);
  private readonly runtimes = new Map<string, ServerRuntime>();
  /** Servers whose start is in progress (their runtime exists, the handshake has not finished). */
  private readonly starting = new Set<string>();
  private readonly policies = new Map<string, RestartPolicy>();
  private readonly failedStarts = new Map<string, number>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  private readonly lock = new KeyedLock();
  private readonly inFlight = new CommandsInFlight<Outcome>();
  readonly watchdog = new Watchdog();
  private readonly requestMetrics = new RequestMetrics();
  private readonly metricsTimer = setInterval(() => void this.flushMetrics(), 5000).unref();
  private readonly launchPolicy: LaunchPolicy;
  private accepting = true;

  constructor(
    private readonly servers: McpServerRepository,
    private readonly runs: RunsRepository,
    private readonly catalogs: CatalogRepository,
    private readonly store: EventStore,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
    private readonly logSink: LogSink,
    private readonly health: HealthMonitor,
  ) {
    this.launchPolicy = { url: { allowPrivate: config.allowPrivateUrls }, stdio: stdioPolicyOf(config) };
  }

  get running(): boolean {
    return this.accepting;
  }

  runtimeOf(serverId: string): ServerRuntime | undefined {
    return this.runtimes.get(serverId);
  }

  /** The runs that completed their handshake and are being supervised now. */
  runningRuntimes(): {
    serverId: string;
    runtime: ServerRuntime;
    startedAt: number;
  }[] {
    return [...this.runtimes.entries()]
      .filter(([serverId]) => !this.starting.has(serverId))
      .map(([serverId, runtime]) => ({
        serverId,
        runtime,
        startedAt: runtime.startedAtMs,
      }));
  }

  /** A tool call through the API: counted into the server's metrics. */
  recordCall(serverId: string, durationMs: number, failed: boolean): void {
    this.requestMetrics.record(serverId, durationMs, failed);
  }

  async flushMetrics(): Promise<void> {
    for (const [serverId, tally] of this.requestMetrics.drain()) {
      await this.servers
        .addRequestMetrics(serverId, tally.requests, tally.errors, tally.totalMs)
        .catch((error: unknown) => this.logger.warn({ err: error, serverId }, 'Request metrics not stored'));
    }
  }

  start(serverId: string, context: CallContext): Promise<Outcome> {
    return this.command(
      serverId,
      'start',
      async (server) => {
        this.operatorActed(serverId);
        return this.startNow(await this.wantState(server, 'running'), context);
      },
      context.correlationId,
    );
  }

  stop(serverId: string, context: CallContext): Promise<Outcome> {
    // A start in progress holds the lock: end its process now so the stop does not wait for its timeout.
    const starting = this.starting.has(serverId) ? this.runtimes.get(serverId) : undefined;
    void starting?.stop(starting.server.config.killTimeoutMs);
    return this.command(
      serverId,
      'stop',
      async (server) => {
        this.cancelRestart(serverId);
        return this.stopNow(await this.wantState(server, 'stopped'), context, 'stopped by request');
      },
      context.correlationId,
    );
  }

  restart(serverId: string, context: CallContext): Promise<Outcome> {
    return this.command(
      serverId,
      'restart',
      async (server) => {
        this.operatorActed(serverId);
        let current = await this.wantState(server, 'running');
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
    );
  }

  enterMaintenance(serverId: string, context: CallContext): Promise<Outcome> {
    return this.command(
      serverId,
      'enter_maintenance',
      async (server) => {
        this.cancelRestart(serverId);
        let current = await this.wantState(server, 'maintenance');
        if (current.state === 'running') {
          // running → maintenance is one edge of the state machine: the process stops on the way.
          const stopped = await this.stopProcess(current, context, true, false);
          current = stopped.server;
          return this.finishMove(current, ['running'], 'maintenance', 'maintenance', context, stopped.message);
        }
        return this.finishMove(current, statesLeadingTo('maintenance'), 'maintenance', 'maintenance', context, 'In maintenance');
      },
      context.correlationId,
    );
  }

  exitMaintenance(serverId: string, context: CallContext): Promise<Outcome> {
    return this.command(
      serverId,
      'exit_maintenance',
      async (server) => {
        if (server.state !== 'maintenance') {
          throw invalidTransition(serverId, 'exit_maintenance', server.state, ['maintenance']);
        }
        const current = await this.wantState(server, 'stopped');
        return this.finishMove(current, ['maintenance'], 'stopped', 'maintenance ended', context, 'Out of maintenance (stopped)');
      },
      context.correlationId,
    );
  }

  /** Stops every running server (desired states kept, so they come back on the next boot). */
  async onModuleDestroy(): Promise<void> {
    this.accepting = false;
    clearInterval(this.metricsTimer);
    await this.flushMetrics();
    // Starts in progress hold their lock until the handshake times out: end their processes now.
    for (const serverId of this.starting) {
      const runtime = this.runtimes.get(serverId);
      void runtime?.stop(runtime.server.config.killTimeoutMs);
    }
    for (const timer of this.restartTimers.values()) {
      clearTimeout(timer);
    }
    const context = systemContext();
    await Promise.all(
      [...this.runtimes.keys()].map((serverId) =>
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
    this.watchdog.stop();
  }

  /** Used by the boot reconciler: starts a server whose desired state is running. */
  resume(serverId: string): Promise<Outcome> {
    return this.command(serverId, 'start', (server) => this.startNow(server, systemContext()));
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
  ): Promise<Outcome> {
    if (!this.accepting) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The API is shutting down', undefined, { 'retry-after': '5' });
    }
    return this.inFlight.admit(serverId, command, correlationId, () => this.locked(serverId, command, run));
  }

  private locked(serverId: string, command: LifecycleCommand, run: (server: McpServer) => Promise<Outcome>): Promise<Outcome> {
    return this.lock.run(serverId, async () => {
      const server = await this.servers.findById(serverId);
      if (!server) {
        throw serverNotFound(serverId);
      }
      const begun = performance.now();
      const seconds = () => (performance.now() - begun) / 1000;
      try {
        this.checkAllowed(server, command);
        const outcome = await run(server);
        recordOperation(command, server.type, outcome.success ? 'success' : 'failure', seconds());
        return outcome;
      } catch (error) {
        recordOperation(command, server.type, error instanceof DomainError ? 'rejected' : 'failure', seconds());
        throw error;
      }
    });
  }

  private checkAllowed(server: McpServer, command: LifecycleCommand): void {
    if (!commandAccepted(command, server.state)) {
      throw invalidTransition(server.id, command, server.state, COMMAND_ACCEPTED_FROM[command]);
    }
  }

  private async wantState(server: McpServer, desired: McpServer['desiredState']): Promise<McpServer> {
    if (server.desiredState !== desired) {
      await this.servers.setDesiredState(server.id, desired);
    }
    return { ...server, desiredState: desired };
  }

  /** `isRestart`: an automatic restart or the restart command, counted in metrics.restartCount. */
  private async startNow(server: McpServer, context: CallContext, isRestart = false): Promise<Outcome> {
    const begun = Date.now();
    let current = await this.move(server, statesLeadingTo('starting'), 'starting', null, context);
    const opened = this.opened(current);
    // The log opens once the run id exists; stderr cannot arrive before the spawn.
    const log: { run?: OpenRunLog } = {};
    const runtime: ServerRuntime = new ServerRuntime(
      current,
      opened,
      {
        onStderr: (line) => log.run?.write(line),
        onCatalogChange: (change) => void this.catalogChanged(current, change.kind, change.items),
        onProcess: (pid, ticks): Promise<void> => this.runs.recordProcess(runtime.runId, pid, ticks),
        watch: (pgid) => this.watchdog.watch(pgid),
        forget: (pgid) => this.watchdog.forget(pgid),
      },
      this.launchPolicy,
    );
    log.run = this.logSink.open({
      serverId: current.id,
      runId: runtime.runId,
      redactor: runtime.redactor,
    });
    void runtime.ended.then(() => runtime.stderrDone(1000)).then(() => log.run?.close());
    this.runtimes.set(current.id, runtime);
    await this.runs.open({
      runId: runtime.runId,
      serverId: current.id,
      instanceId: this.config.instanceId,
      transport: current.transport,
    });
    this.starting.add(current.id);
    try {
      const catalog = await runtime.start();
      await this.catalogs.save(catalog);
      this.failedStarts.delete(current.id);
      const ms = Date.now() - begun;
      current = await this.move(current, ['starting'], 'running', null, context, {
        health: {
          status: 'healthy',
          reason: null,
          lastCheckedAt: new Date().toISOString(),
          consecutiveFailures: 0,
          latencyMs: ms,
        },
        metrics: {
          ...current.metrics,
          lastStartedAt: new Date(begun).toISOString(),
          restartCount: current.metrics.restartCount + (isRestart ? 1 : 0),
        },
      });
      await this.store.append(
        lifecycle.started(
          current,
          {
            runId: runtime.runId,
            pid: runtime.pid ?? null,
            protocolVersion: catalog.protocolVersion,
            serverInfo: catalog.serverInfo,
            tools: catalog.tools.length,
            ms,
          },
          context,
        ),
      );
      void runtime.ended.then((end) => this.onRunEnded(current.id, runtime, end));
      const running = current;
      this.health.watch(running, runtime, (probe) => void this.onUnhealthy(running.id, runtime, probe));
      return {
        server: current,
        success: true,
        message: `Started (protocol ${catalog.protocolVersion ?? 'unknown'})`,
      };
    } catch (error) {
      this.runtimes.delete(current.id);
      const failure = error instanceof RuntimeFailure ? error : new RuntimeFailure('SPAWN_FAILED', String(error));
      await this.runs.close(runtime.runId, {
        exitCode: numberOr(failure.details['exitCode']),
        exitSignal: stringOr(failure.details['signal']),
        endReason: failure.reason,
      });
      const latest = await this.servers.findById(current.id);
      if (!this.accepting) {
        // The API is shutting down: not a failure of the server; it comes back on the next boot.
        const stoppedServer = await this.move(current, ['starting'], 'stopped', 'API shutdown', context);
        return {
          server: stoppedServer,
          success: false,
          message: 'The API shut down during the start',
          errorCode: 'STOPPED',
        };
      }
      if (latest?.desiredState === 'stopped') {
        // A stop arrived during the start: that is where the server goes.
        const stoppedServer = await this.move(current, ['starting'], 'stopped', 'stopped during start', context);
        return {
          server: stoppedServer,
          success: false,
          message: 'Stopped before the start completed',
          errorCode: 'STOPPED',
        };
      }
      current = await this.move(current, ['starting'], 'error', failure.reason, context, {
        health: {
          ...current.health,
          status: 'unhealthy',
          reason: failure.reason,
          lastCheckedAt: new Date().toISOString(),
        },
      });
      await this.store.append(lifecycle.startFailed(current, failure.reason, failure.message, failure.details, context));
      if (failure.reason !== 'STDIO_NOT_ALLOWED') {
        // A refusal by the launch policy repeats until an operator changes the config or the policy.
        this.scheduleStartRetry(current);
      }
      return {
        server: current,
        success: false,
        message: failure.message,
        errorCode: failure.reason,
        errorDetails: failure.details,
      };
    } finally {
      this.starting.delete(current.id);
    }
  }

  private async stopNow(server: McpServer, context: CallContext, reason: string, forget = true): Promise<Outcome> {
    if (server.state === 'error' || server.state === 'maintenance') {
      return this.finishMove(server, [server.state], 'stopped', reason, context, 'Stopped');
    }
    const stopped = await this.stopProcess(server, context, forget);
    const final = await this.finishMove(stopped.server, ['stopping'], 'stopped', reason, context, stopped.message);
    return {
      ...final,
      success: stopped.success,
      errorCode: stopped.errorCode,
      errorDetails: stopped.errorDetails,
    };
  }

  /** running → stopping (unless `viaStopping` is false), and the stop sequence. */
  private async stopProcess(server: McpServer, context: CallContext, forget = true, viaStopping = true): Promise<Outcome> {
    let current = server;
    if (server.state === 'running' && viaStopping) {
      current = await this.move(server, ['running'], 'stopping', null, context);
    }
    const runtime = this.runtimes.get(server.id);
    this.health.unwatch(server.id);
    if (!runtime) {
      return {
        server: current,
        success: true,
        message: 'Stopped (no process was running)',
      };
    }
    const outcome = await runtime.stop(server.config.killTimeoutMs);
    const end = await runtime.ended;
    this.runtimes.delete(server.id);
    await this.servers.clearUsage(server.id);
    await this.runs.close(runtime.runId, {
      exitCode: end.code,
      exitSignal: end.signal,
      endReason: outcome.escalated ? 'KILLED' : 'STOPPED',
    });
    await this.store.append(
      lifecycle.stopped(
        current,
        {
          ...outcome,
          runId: runtime.runId,
          code: end.code,
          signal: end.signal,
        },
        context,
      ),
    );
    if (forget) {
      this.policies.delete(server.id);
    }
    if (outcome.leftovers) {
      return {
        server: current,
        success: false,
        message: 'Processes of the server survived SIGKILL',
        errorCode: 'STOP_FAILED',
      };
    }
    return {
      server: current,
      success: true,
      message: outcome.escalated ? 'Stopped with SIGKILL after SIGTERM was ignored' : 'Stopped',
    };
  }

  private async finishMove(
    server: McpServer,
    from: ServerState[],
    to: ServerState,
    reason: string,
    context: CallContext,
    message: string,
  ): Promise<Outcome> {
    const moved = await this.move(server, from, to, reason, context);
    return { server: moved, success: true, message };
  }

  /** One conditional UPDATE and its status_changed event. */
  private async move(
    server: McpServer,
    from: readonly ServerState[],
    to: ServerState,
    reason: string | null,
    context: CallContext,
    patch: Parameters<McpServerRepository['transition']>[3] = {},
  ): Promise<McpServer> {
    const moved = await this.servers.transition(server.id, from, to, patch);
    if (!moved) {
      const latest = await this.servers.findById(server.id);
      throw invalidTransition(server.id, to, latest?.state ?? server.state, from);
    }
    await this.store.append(lifecycle.statusChanged(moved, server.state, to, reason, context));
    return moved;
  }

  private async onRunEnded(serverId: string, runtime: ServerRuntime, end: RunEnd): Promise<void> {
    if (end.expected || this.runtimes.get(serverId) !== runtime) {
      return; // a stop we asked for, handled by the stop path
    }
    // Each step waits for the database: an exit during an outage is recorded when it returns,
    // never dropped (a server shown running while dead is what this tool exists to prevent).
    const persist = <T>(step: () => Promise<T>) => this.untilDatabaseAnswers(step);
    await this.lock
      .run(serverId, async () => {
        this.runtimes.delete(serverId);
        this.health.unwatch(serverId);
        await persist(() => this.servers.clearUsage(serverId));
        const server = await persist(() => this.servers.findById(serverId));
        await persist(() =>
          this.runs.close(runtime.runId, {
            exitCode: end.code,
            exitSignal: end.signal,
            endReason: end.reason,
          }),
        );
        if (!server || server.state !== 'running') {
          return;
        }
        const context = systemContext();
        const done = end.reason === 'EXITED' && end.code !== null && (server.config.stopExitCodes ?? []).includes(end.code);
        await this.store.append(lifecycle.exited(server, runtime.runId, end, context, done));
        if (done) {
          // A listed exit code means the server finished its work: a stop, not a failure.
          await persist(() => this.servers.setDesiredState(serverId, 'stopped'));
          const stopping = await persist(() => this.move(server, ['running'], 'stopping', `exit code ${end.code} means done`, context));
          await persist(() =>
            this.move(stopping, ['stopping'], 'stopped', `exit code ${end.code} means done`, context, {
              health: {
                status: 'unknown',
                reason: null,
                lastCheckedAt: new Date().toISOString(),
                consecutiveFailures: 0,
                latencyMs: null,
              },
            }),
          );
          return;
        }
        const reason: FailureReason = end.reason === 'PROTOCOL_ERROR' ? 'PROTOCOL_ERROR' : 'EXITED';
        const failed = await persist(() =>
          this.move(server, ['running'], 'error', reason, context, {
            health: {
              ...server.health,
              status: 'unhealthy',
              reason,
              lastCheckedAt: new Date().toISOString(),
            },
          }),
        );
        this.scheduleRestart(failed, end.uptimeMs);
      })
      .catch((error: unknown) => this.logger.error({ err: error, serverId }, 'Handling an exit failed'));
  }

  /** Runs a database step again (1 s doubling to 10 s) while the database is away; other errors throw. */
  private async untilDatabaseAnswers<T>(step: () => Promise<T>): Promise<T> {
    let delay = 1000;
    for (;;) {
      try {
        return await step();
      } catch (error) {
        if (!isDatabaseUnavailable(error) || !this.accepting) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  /** Failed probes crossed the threshold: the process is hung or broken. Stop it and restart by policy. */
  private async onUnhealthy(serverId: string, runtime: ServerRuntime, probe: ProbeResult): Promise<void> {
    await this.lock
      .run(serverId, async () => {
        if (this.runtimes.get(serverId) !== runtime) {
          return;
        }
        const server = await this.servers.findById(serverId);
        if (!server || server.state !== 'running') {
          return;
        }
        await runtime.stop(server.config.killTimeoutMs);
        const end = await runtime.ended;
        this.runtimes.delete(serverId);
        await this.runs.close(runtime.runId, {
          exitCode: end.code,
          exitSignal: end.signal,
          endReason: 'UNHEALTHY',
        });
        await this.servers.clearUsage(serverId);
        const failed = await this.move(server, ['running'], 'error', probe.reason ?? 'UNHEALTHY', systemContext(), {
          health: probe.health,
        });
        this.scheduleRestart(failed, end.uptimeMs);
      })
      .catch((error: unknown) => this.logger.error({ err: error, serverId }, 'Handling an unhealthy server failed'));
  }

  private scheduleRestart(server: McpServer, uptimeMs: number): void {
    const policy = this.policyFor(server);
    const decision = policy.onUnexpectedExit(Date.now(), uptimeMs);
    const context = systemContext();
    if (decision.action === 'give_up') {
      void this.giveUp(server, 'CRASH_LOOP', decision.crashes);
      return;
    }
    void this.store.append(lifecycle.restartScheduled(server, decision.delayMs, decision.attempt, context));
    this.afterDelay(server.id, decision.delayMs);
  }

  /** A failed start is retried `retryAttempts` times with the same backoff, then left in error. */
  private scheduleStartRetry(server: McpServer): void {
    const failures = (this.failedStarts.get(server.id) ?? 0) + 1;
    this.failedStarts.set(server.id, failures);
    if (failures > server.config.retryAttempts) {
      void this.giveUp(server, 'START_RETRIES_EXHAUSTED', failures);
      return;
    }
    const decision = this.policyFor(server).onUnexpectedExit(Date.now(), 0);
    if (decision.action === 'give_up') {
      void this.giveUp(server, 'CRASH_LOOP', decision.crashes);
      return;
    }
    void this.store.append(lifecycle.restartScheduled(server, decision.delayMs, decision.attempt, systemContext()));
    this.afterDelay(server.id, decision.delayMs);
  }

  private afterDelay(serverId: string, delayMs: number): void {
    this.cancelRestart(serverId);
    const timer = setTimeout(() => {
      this.restartTimers.delete(serverId);
      void this.command(serverId, 'start', async (server) =>
        server.desiredState === 'running'
          ? this.startNow(server, systemContext(), true)
          : { server, success: true, message: 'No longer wanted' },
      ).catch((error: unknown) => this.logger.warn({ err: error, serverId }, 'Scheduled restart did not run'));
    }, delayMs);
    timer.unref();
    this.restartTimers.set(serverId, timer);
  }

  private async giveUp(server: McpServer, reason: 'CRASH_LOOP' | 'START_RETRIES_EXHAUSTED', count: number): Promise<void> {
    const context = systemContext();
    await this.servers.transition(server.id, ['error'], 'error', {
      health: {
        ...server.health,
        status: 'unhealthy',
        reason: reason === 'CRASH_LOOP' ? 'CRASH_LOOP' : server.health.reason,
        lastCheckedAt: new Date().toISOString(),
      },
    });
    await this.store.append(lifecycle.gaveUp(server, reason, count, context));
  }

  private policyFor(server: McpServer): RestartPolicy {
    let policy = this.policies.get(server.id);
    if (!policy) {
      policy = new RestartPolicy({
        ...DEFAULT_RESTART_POLICY,
        maxRestarts: server.config.maxRestarts ?? DEFAULT_RESTART_POLICY.maxRestarts,
      });
      this.policies.set(server.id, policy);
    }
    return policy;
  }

  private operatorActed(serverId: string): void {
    this.cancelRestart(serverId);
    this.policies.get(serverId)?.reset();
    this.failedStarts.delete(serverId);
  }

  private cancelRestart(serverId: string): void {
    clearTimeout(this.restartTimers.get(serverId));
    this.restartTimers.delete(serverId);
  }

  private async catalogChanged(
    server: McpServer,
    kind: 'tools' | 'resources' | 'prompts',
    items: Record<string, unknown>[],
  ): Promise<void> {
    try {
      await this.catalogs.saveList(server.id, kind, items);
      await this.store.append(lifecycle.capabilitiesChanged(server, kind, items.length, systemContext()));
    } catch (error) {
      this.logger.error({ err: error, serverId: server.id }, 'Could not store a changed catalog');
    }
  }

  private opened(server: McpServer) {
    return openSecrets(server.config, this.secrets, server.id);
  }
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
