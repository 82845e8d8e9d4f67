import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Histogram, register } from 'prom-client';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { type DirectoryChange, FleetDirectory } from '@mcp-fleet/api/runtime/data-access';
import { LiveFiguresRepository } from '@mcp-fleet/api/servers/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { EVENT_TYPES, type McpServer, type ServerHealth } from '@mcp-fleet/shared/contracts';

import { classifyRemoteError, describe } from '../domain/runtime-failure';
import { LeaseKeeper } from '../ownership/lease-keeper';
import type { ServerRun } from '../run/server-run';

const probeDuration =
  (register.getSingleMetric('mcp_server_probe_duration_seconds') as Histogram<'server_name' | 'outcome'> | undefined) ??
  new Histogram({
    name: 'mcp_server_probe_duration_seconds',
    help: 'Health probe latency per server, by outcome (ok or the failure reason)',
    labelNames: ['server_name', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

/** Probes in flight at once across all servers, so a thousand servers do not probe together. */
const MAX_IN_FLIGHT = 32;

export interface ProbeResult {
  healthy: boolean;
  /** `TIMEOUT`, `EXITED`, `CONNECTION_REFUSED`, `TLS`, `AUTH`, `PROTOCOL_ERROR`; null when healthy. */
  reason: string | null;
  message: string;
  latencyMs: number;
  checkedAt: string;
  health: ServerHealth;
}

interface Watched {
  server: McpServer;
  runtime: ServerRun;
  timer: NodeJS.Timeout | undefined;
  health: ServerHealth;
  onUnhealthy: (result: ProbeResult) => void;
  probing: Promise<ProbeResult> | undefined;
}

/**
 * Probes every running server on its own jittered interval: the process is alive (stdio) and a
 * cheap MCP request is answered within `healthCheckTimeoutMs`. Failures below the threshold mark
 * it `degraded`; at the threshold it is `unhealthy` and the supervisor restarts it through the
 * restart policy. Every change of verdict is an event. A change of the interval, timeout or
 * threshold of a running server applies at once (heard through the fleet directory, which
 * follows the event tail), not at its next start.
 */
@Injectable()
export class HealthMonitor implements OnModuleDestroy {
  private readonly logger = new Logger(HealthMonitor.name);
  private readonly watched = new Map<string, Watched>();
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly stopListening: () => void;

  constructor(
    private readonly figures: LiveFiguresRepository,
    private readonly store: EventStore,
    private readonly keeper: LeaseKeeper,
    directory: FleetDirectory,
  ) {
    this.stopListening = directory.onChange((change) => this.configChanged(change));
  }

  watch(server: McpServer, runtime: ServerRun, onUnhealthy: (result: ProbeResult) => void): void {
    this.unwatch(server.id);
    const entry: Watched = { server, runtime, timer: undefined, health: server.health, onUnhealthy, probing: undefined };
    this.watched.set(server.id, entry);
    // The first probe lands anywhere within the interval, so servers started together do not probe together.
    this.schedule(entry, Math.random() * server.config.healthCheckIntervalMs);
  }

  unwatch(serverId: string): void {
    const entry = this.watched.get(serverId);
    if (entry) {
      clearTimeout(entry.timer);
      this.watched.delete(serverId);
    }
  }

  isWatching(serverId: string): boolean {
    return this.watched.has(serverId);
  }

  /** Probes now (the operator's "check now"); undefined when the server is not running here. */
  probeNow(serverId: string): Promise<ProbeResult> | undefined {
    const entry = this.watched.get(serverId);
    return entry ? this.run(entry) : undefined;
  }

  onModuleDestroy(): void {
    this.stopListening();
    for (const serverId of [...this.watched.keys()]) {
      this.unwatch(serverId);
    }
  }

  /**
   * The server was edited while it runs here: its probe settings are the new ones from now on.
   * A new interval reschedules the next probe within it (at a random point, as at a start, so a
   * fleet edited at once does not probe at once); a probe under way keeps going and the next one
   * follows the new interval.
   */
  private configChanged({ serverId, after }: DirectoryChange): void {
    const entry = this.watched.get(serverId);
    if (!entry || !after) {
      return;
    }
    const { healthCheckIntervalMs, healthCheckTimeoutMs, healthFailureThreshold } = after.server.config;
    const current = entry.server.config;
    if (
      current.healthCheckIntervalMs === healthCheckIntervalMs &&
      current.healthCheckTimeoutMs === healthCheckTimeoutMs &&
      current.healthFailureThreshold === healthFailureThreshold
    ) {
      return;
    }
    entry.server = { ...entry.server, config: { ...current, healthCheckIntervalMs, healthCheckTimeoutMs, healthFailureThreshold } };
    if (current.healthCheckIntervalMs !== healthCheckIntervalMs && !entry.probing) {
      clearTimeout(entry.timer);
      this.schedule(entry, Math.random() * healthCheckIntervalMs);
    }
  }

  /**
   * Fixed rate, counted from the start of a probe. After a failure the next one comes at half the
   * interval, so with the default threshold of 3 a hung server is declared unhealthy within
   * 3 intervals (2 × interval + a probe's timeout, which never exceeds the interval).
   */
  private schedule(entry: Watched, delayMs: number): void {
    entry.timer = setTimeout(() => {
      const began = Date.now();
      void this.run(entry)
        .then((result) => {
          const interval = entry.server.config.healthCheckIntervalMs;
          return Math.max(0, (result.healthy ? interval : interval / 2) - (Date.now() - began));
        })
        .catch(() => entry.server.config.healthCheckIntervalMs)
        .then((next) => {
          if (this.watched.get(entry.server.id) === entry) {
            this.schedule(entry, next);
          }
        });
    }, delayMs);
    entry.timer.unref();
  }

  /** A probe may not take longer than the interval between probes. */
  private timeoutOf(entry: Watched): number {
    return Math.min(entry.server.config.healthCheckTimeoutMs, entry.server.config.healthCheckIntervalMs);
  }

  /** One probe at a time per server; a "check now" during a scheduled probe shares its result. */
  private run(entry: Watched): Promise<ProbeResult> {
    entry.probing ??= this.probe(entry).finally(() => (entry.probing = undefined));
    return entry.probing;
  }

  private async probe(entry: Watched): Promise<ProbeResult> {
    await this.slot();
    const began = performance.now();
    let reason: string | null = null;
    let message = 'Answered';
    try {
      if (!entry.runtime.alive) {
        reason = 'EXITED';
        message = 'The process is gone';
      } else {
        await withTimeout(entry.runtime.probe(this.timeoutOf(entry)), this.timeoutOf(entry));
      }
    } catch (error) {
      const text = describe(error);
      reason = /timed? ?out|timeout/i.test(text)
        ? 'TIMEOUT'
        : entry.server.transport === 'stdio'
          ? 'PROTOCOL_ERROR'
          : classifyRemoteError(error);
      message = text;
    } finally {
      this.release();
    }
    const latencyMs = Math.round(performance.now() - began);
    probeDuration.observe({ server_name: entry.server.name, outcome: reason ?? 'ok' }, latencyMs / 1000);
    return this.judge(entry, reason, message, latencyMs);
  }

  private async judge(entry: Watched, reason: string | null, message: string, latencyMs: number): Promise<ProbeResult> {
    const previous = entry.health;
    const threshold = entry.server.config.healthFailureThreshold;
    const failures = reason ? previous.consecutiveFailures + 1 : 0;
    const health: ServerHealth = {
      status: reason === null ? 'healthy' : failures >= threshold ? 'unhealthy' : 'degraded',
      reason,
      lastCheckedAt: new Date().toISOString(),
      consecutiveFailures: failures,
      latencyMs: reason === null ? latencyMs : previous.latencyMs,
      errorCount: (previous.errorCount ?? 0) + (reason ? 1 : 0),
    };
    const result: ProbeResult = { healthy: reason === null, reason, message, latencyMs, checkedAt: health.lastCheckedAt ?? '', health };
    if (this.watched.get(entry.server.id) !== entry || !(await this.owns(entry.server.id, health.status !== previous.status))) {
      return result; // stopped meanwhile, or owned by another replica now: the verdict is about a run that is over
    }
    entry.health = health;
    await this.figures
      .updateHealth(entry.server.id, health)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Health not stored'));
    await this.recordChange(entry.server, previous, health, message);
    if (health.status === 'unhealthy') {
      this.unwatch(entry.server.id);
      entry.onUnhealthy(result);
    }
    return result;
  }

  /**
   * Whether this replica may still write the server's health: it holds the lease, and for a
   * change of verdict (an event) the database confirms it. A replica that was frozen or cut off
   * probes its killed processes once more before it learns that another replica took them.
   */
  private async owns(serverId: string, changed: boolean): Promise<boolean> {
    if (!this.keeper.holds(serverId)) {
      return false;
    }
    return !changed || (await this.keeper.confirm(serverId).catch(() => false));
  }

  private async recordChange(server: McpServer, before: ServerHealth, after: ServerHealth, message: string): Promise<void> {
    const context = systemContext();
    const base = { serverId: server.id, serverName: server.name, actor: context.actor, correlationId: null };
    if (after.status === 'unhealthy' && before.status !== 'unhealthy') {
      await this.store.append({
        ...base,
        type: EVENT_TYPES.serverUnhealthy,
        severity: 'error',
        message: `${server.name} is unhealthy after ${after.consecutiveFailures} failed probes (${after.reason ?? 'unknown'}): ${message}`,
        data: { reason: after.reason, consecutiveFailures: after.consecutiveFailures, message },
      });
    } else if (after.status === 'degraded' && before.status !== 'degraded') {
      await this.store.append({
        ...base,
        type: EVENT_TYPES.serverDegraded,
        severity: 'warning',
        message: `${server.name} failed a health probe (${after.reason ?? 'unknown'}): ${message}`,
        data: { reason: after.reason, consecutiveFailures: after.consecutiveFailures, message },
      });
    } else if (after.status === 'healthy' && (before.status === 'degraded' || before.status === 'unhealthy')) {
      await this.store.append({
        ...base,
        type: EVENT_TYPES.serverRecovered,
        severity: 'info',
        message: `${server.name} answers again (${after.latencyMs ?? '?'} ms)`,
        data: { latencyMs: after.latencyMs, failedProbes: before.consecutiveFailures },
      });
    }
  }

  private async slot(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT) {
      this.inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next probe
    } else {
      this.inFlight -= 1;
    }
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${timeoutMs} ms (timeout)`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
