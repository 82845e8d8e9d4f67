import { Injectable, Logger } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { CatalogRepository, RunsRepository } from '@mcp-fleet/api/runtime/data-access';
import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import { type CallContext, systemContext } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { FAILURES_NEEDING_AN_OPERATOR, type McpServer } from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import { RuntimeFailure } from '../domain/runtime-failure';
import { serverFailure } from '../domain/server-failure';
import { statesLeadingTo } from '../domain/state-machine';
import { DriftControl } from '../drift/drift-control';
import { LogSink, type OpenRunLog } from '../logs/log-sink.service';
import type { CatalogChange } from '../mcp/mcp-session';
import { RunningServers } from '../run/running-servers';
import { RuntimeFactory } from '../run/runtime-factory';
import type { ServerRun } from '../run/server-run';
import { ResourceUpdates } from '../subscriptions/resource-updates';
import type { Outcome } from './outcome';
import { RestartScheduler } from './restart-scheduler';
import { RunWatcher } from './run-watcher';
import { ServerTransitions } from './server-transitions';

/**
 * The start sequence of one run: starting, spawn or connect and handshake, catalog, running and
 * watched; or, when it fails, error with the reason and a retry by policy (stopped instead when
 * a stop or the API's shutdown arrived meanwhile).
 */
@Injectable()
export class RunStarter {
  private readonly logger = new Logger(RunStarter.name);

  constructor(
    private readonly factory: RuntimeFactory,
    private readonly running: RunningServers,
    private readonly transitions: ServerTransitions,
    private readonly scheduler: RestartScheduler,
    private readonly watcher: RunWatcher,
    private readonly logSink: LogSink,
    private readonly servers: McpServerRepository,
    private readonly runs: RunsRepository,
    private readonly catalogs: CatalogRepository,
    private readonly store: EventStore,
    private readonly config: AppConfig,
    private readonly resourceUpdates: ResourceUpdates,
    private readonly drift: DriftControl,
  ) {}

  /** `isRestart`: an automatic restart or the restart command, counted in metrics.restartCount. */
  async start(server: McpServer, context: CallContext, shuttingDown: () => boolean, isRestart = false): Promise<Outcome> {
    const begun = Date.now();
    let current = await this.transitions.move(server, statesLeadingTo('starting'), 'starting', null, context);
    const run = this.open(current);
    try {
      // Recorded before the spawn: a boot after a crash of the API reaps what the row names.
      await this.runs.open(
        { runId: run.runId, serverId: current.id, instanceId: this.config.instanceId, transport: current.transport },
        { transport: current.transport, config: current.config },
      );
      const catalog = await run.start();
      await this.catalogs.save(catalog);
      await this.drift.review(current, catalog);
      this.scheduler.afterSuccessfulStart(current.id);
      const ms = Date.now() - begun;
      current = await this.transitions.move(current, ['starting'], 'running', null, context, {
        health: { status: 'healthy', reason: null, lastCheckedAt: new Date().toISOString(), consecutiveFailures: 0, latencyMs: null },
        metrics: {
          ...current.metrics,
          lastStartedAt: new Date(begun).toISOString(),
          restartCount: current.metrics.restartCount + (isRestart ? 1 : 0),
        },
        started: true,
      });
      const details = {
        runId: run.runId,
        pid: run.pid ?? null,
        protocolVersion: catalog.protocolVersion,
        serverInfo: catalog.serverInfo,
        tools: catalog.tools.length,
        ms,
      };
      await this.store.append(lifecycle.started(current, details, context));
      this.running.markStarted(run);
      this.watcher.watch(current, run);
      void this.resourceUpdates.resume(current, run, catalog.capabilities, current.config.requestTimeoutMs);
      return { server: current, success: true, message: `Started (protocol ${catalog.protocolVersion ?? 'unknown'})` };
    } catch (error) {
      return this.failed(current, run, error, context, shuttingDown());
    }
  }

  /** The run and its log; stderr cannot arrive before the spawn, so the log opens first. */
  private open(server: McpServer): ServerRun {
    const log: { run?: OpenRunLog } = {};
    const run = this.factory.create(server, {
      onStderr: (line) => log.run?.write(line),
      onLog: (entry) => log.run?.write(entry.line, { stream: entry.stream, level: entry.level }),
      onCatalogChange: (change) => void this.catalogChanged(server, change),
      onResourceUpdated: (uri) => this.resourceUpdates.updated(server, uri),
      onProcess: (pid, ticks) => this.runs.recordProcess(run.runId, pid, ticks),
    });
    log.run = this.logSink.open({ serverId: server.id, runId: run.runId, redactor: run.redactor });
    void run.ended.then(() => run.stderrDone(1000)).then(() => log.run?.close());
    this.running.beginStart(run);
    return run;
  }

  private async failed(server: McpServer, run: ServerRun, error: unknown, context: CallContext, shuttingDown: boolean): Promise<Outcome> {
    const failure = error instanceof RuntimeFailure ? error : new RuntimeFailure('SPAWN_FAILED', String(error));
    const exit = { code: numberOr(failure.details['exitCode']), signal: stringOr(failure.details['signal']) };
    await this.watcher.teardown(run, exit, failure.reason, (step) => step());
    const latest = await this.servers.findById(server.id);
    if (shuttingDown) {
      // Not a failure of the server; it comes back on the next boot.
      const stopped = await this.transitions.move(server, ['starting'], 'stopped', 'API shutdown', context);
      return { server: stopped, success: false, message: 'The API shut down during the start', errorCode: 'STOPPED' };
    }
    if (latest?.desiredState === 'stopped') {
      // A stop arrived during the start: that is where the server goes.
      const stopped = await this.transitions.move(server, ['starting'], 'stopped', 'stopped during start', context);
      return { server: stopped, success: false, message: 'Stopped before the start completed', errorCode: 'STOPPED' };
    }
    const failed = await this.transitions.move(server, ['starting'], 'error', failure.reason, context, {
      health: { ...server.health, status: 'unhealthy', reason: failure.reason, lastCheckedAt: new Date().toISOString() },
      failure: serverFailure(server, 'start', failure.reason, failure.message, failure.details),
    });
    await this.store.append(lifecycle.startFailed(failed, failure.reason, failure.message, failure.details, context));
    if (!FAILURES_NEEDING_AN_OPERATOR.includes(failure.reason)) {
      // A refusal by the launch policy, or the wrong transport, repeats until an operator acts.
      this.scheduler.afterFailedStart(failed);
    }
    return { server: failed, success: false, message: failure.message, errorCode: failure.reason, errorDetails: failure.details };
  }

  private async catalogChanged(server: McpServer, change: CatalogChange): Promise<void> {
    try {
      await this.catalogs.saveList(server.id, change.kind, change.items);
      await this.store.append(lifecycle.capabilitiesChanged(server, change.kind, change.items.length, systemContext()));
      await this.drift.reviewStored(server);
    } catch (error) {
      this.logger.error({ err: error, serverId: server.id }, 'Could not store a changed catalog');
    }
  }
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
