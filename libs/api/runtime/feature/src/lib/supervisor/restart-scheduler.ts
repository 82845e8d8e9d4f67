import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import * as lifecycle from '../domain/lifecycle-events';
import { RestartPolicy, type RestartPolicyOptions } from '../domain/restart-policy';
import { ServerTransitions } from './server-transitions';

/** The backoff and crash-loop settings (tests provide shorter ones). */
export const RESTART_POLICY_OPTIONS = Symbol('RESTART_POLICY_OPTIONS');

/**
 * When a server that should run comes back after a failure: exponential backoff with jitter
 * after an unexpected end (crash, hang, lost connection), the same backoff for a failed start up
 * to `retryAttempts`, and giving up (CRASH_LOOP, START_RETRIES_EXHAUSTED) with an event when the
 * policy says so. Remote servers are never given up on: they are retried forever with a capped
 * backoff (see RestartPolicy). An operator's command gives a clean slate. The restart itself is
 * run by the handler the supervisor registers, through its ordinary command path.
 */
@Injectable()
export class RestartScheduler {
  private readonly logger = new Logger(RestartScheduler.name);
  private readonly policies = new Map<string, RestartPolicy>();
  private readonly failedStarts = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private due: ((serverId: string) => Promise<unknown>) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly transitions: ServerTransitions,
    @Inject(RESTART_POLICY_OPTIONS) private readonly options: RestartPolicyOptions,
  ) {}

  /** What runs when a restart is due. */
  onDue(handler: (serverId: string) => Promise<unknown>): void {
    this.due = handler;
  }

  /** A run ended unexpectedly (exit, lost connection, unhealthy) after `uptimeMs`. */
  afterFailure(server: McpServer, uptimeMs: number): void {
    this.decide(server, uptimeMs);
  }

  /** A start failed: retried `retryAttempts` times with the same backoff, then left in error (remotes: forever). */
  afterFailedStart(server: McpServer): void {
    const failures = (this.failedStarts.get(server.id) ?? 0) + 1;
    this.failedStarts.set(server.id, failures);
    if (failures > server.config.retryAttempts && !isRemote(server)) {
      void this.giveUp(server, 'START_RETRIES_EXHAUSTED', failures);
      return;
    }
    this.decide(server, 0);
  }

  afterSuccessfulStart(serverId: string): void {
    this.failedStarts.delete(serverId);
  }

  /** An operator started or restarted the server: backoff and counts start over. */
  operatorActed(serverId: string): void {
    this.cancel(serverId);
    this.policies.get(serverId)?.reset();
    this.failedStarts.delete(serverId);
  }

  /** The server was stopped on purpose: nothing is due and its history is forgotten. */
  forget(serverId: string): void {
    this.cancel(serverId);
    this.policies.delete(serverId);
  }

  /** A retry of the server is due later (a timer is set). */
  isPending(serverId: string): boolean {
    return this.timers.has(serverId);
  }

  /**
   * A remote server found in error, wanted running, with no retry due (the API restarted, or a
   * due restart could not run): retried by its policy from where it is. False when one is due.
   */
  adopt(server: McpServer): boolean {
    if (this.timers.has(server.id)) {
      return false;
    }
    this.decide(server, 0);
    return true;
  }

  cancel(serverId: string): void {
    clearTimeout(this.timers.get(serverId));
    this.timers.delete(serverId);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  private decide(server: McpServer, uptimeMs: number): void {
    const decision = this.policyFor(server).onUnexpectedExit(Date.now(), uptimeMs);
    if (decision.action === 'give_up') {
      void this.giveUp(server, 'CRASH_LOOP', decision.crashes);
      return;
    }
    void this.store.append(lifecycle.restartScheduled(server, decision.delayMs, decision.attempt, systemContext()));
    this.cancel(server.id);
    const timer = setTimeout(() => {
      this.timers.delete(server.id);
      void this.due?.(server.id).catch((error: unknown) =>
        this.logger.warn({ err: error, serverId: server.id }, 'Scheduled restart did not run'),
      );
    }, decision.delayMs);
    timer.unref();
    this.timers.set(server.id, timer);
  }

  private async giveUp(server: McpServer, reason: 'CRASH_LOOP' | 'START_RETRIES_EXHAUSTED', count: number): Promise<void> {
    try {
      await this.transitions.amendHealth(server, {
        ...server.health,
        status: 'unhealthy',
        reason: reason === 'CRASH_LOOP' ? 'CRASH_LOOP' : server.health.reason,
        lastCheckedAt: new Date().toISOString(),
      });
      await this.store.append(lifecycle.gaveUp(server, reason, count, systemContext()));
    } catch (error) {
      this.logger.error({ err: error, serverId: server.id }, 'Giving up on a server was not recorded');
    }
  }

  private policyFor(server: McpServer): RestartPolicy {
    const mode = isRemote(server) ? 'remote' : 'process';
    let policy = this.policies.get(server.id);
    if (!policy || policy.mode !== mode) {
      policy = new RestartPolicy(
        { ...this.options, maxRestarts: server.config.maxRestarts ?? this.options.maxRestarts },
        Math.random,
        mode,
      );
      this.policies.set(server.id, policy);
    }
    return policy;
  }
}

function isRemote(server: McpServer): boolean {
  return server.transport !== 'stdio';
}
