import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';

import { EventStore } from '@mcp-fleet/api/events/data-access';
import { ResourceSubscriptionsRepository } from '@mcp-fleet/api/runtime/data-access';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { resourceUpdated } from '../domain/lifecycle-events';
import type { ServerRun } from '../run/server-run';

/** At most one `server.resource_updated` per resource in this window; the rest are counted into the next. */
export const RESOURCE_UPDATE_WINDOW_MS = 5000;

interface Pending {
  server: Pick<McpServer, 'id' | 'name'>;
  uri: string;
  count: number;
  timer: NodeJS.Timeout | undefined;
  lastAt: number;
}

/**
 * Where a server's `notifications/resources/updated` become events, and where subscriptions
 * are renewed when a run starts. A server that updates a resource many times a second costs
 * one event per resource every RESOURCE_UPDATE_WINDOW_MS: the first at once, the others folded
 * into one that says how many (`updates`).
 */
@Injectable()
export class ResourceUpdates implements OnModuleDestroy {
  private readonly logger = new Logger(ResourceUpdates.name);
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly subscriptions: ResourceSubscriptionsRepository,
    private readonly store: EventStore,
  ) {}

  /** The run is up: it subscribes to every stored resource, if the server offers subscriptions. */
  async resume(server: McpServer, run: ServerRun, capabilities: Record<string, unknown>, timeoutMs: number): Promise<void> {
    if (!supportsSubscribe(capabilities)) {
      return;
    }
    for (const { uri } of await this.subscriptions.list(server.id)) {
      await run.request({ method: 'resources/subscribe', params: { uri } }, timeoutMs).catch((error: unknown) => {
        this.logger.warn({ err: error, serverId: server.id, uri }, 'Renewing a resource subscription failed');
      });
    }
  }

  updated(server: Pick<McpServer, 'id' | 'name'>, uri: string): void {
    const key = `${server.id}\n${uri}`;
    const now = Date.now();
    const entry = this.pending.get(key);
    if (!entry || (entry.timer === undefined && now - entry.lastAt >= RESOURCE_UPDATE_WINDOW_MS)) {
      this.pending.set(key, { server, uri, count: 0, timer: undefined, lastAt: now });
      this.record(server, uri, 1);
      return;
    }
    entry.count += 1;
    entry.timer ??= setTimeout(() => this.flush(key), Math.max(0, entry.lastAt + RESOURCE_UPDATE_WINDOW_MS - now)).unref();
  }

  onModuleDestroy(): void {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
    }
    this.pending.clear();
  }

  private flush(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) {
      return;
    }
    entry.timer = undefined;
    entry.lastAt = Date.now();
    const count = entry.count;
    entry.count = 0;
    if (count > 0) {
      this.record(entry.server, entry.uri, count);
    }
  }

  private record(server: Pick<McpServer, 'id' | 'name'>, uri: string, updates: number): void {
    void this.store
      .append(resourceUpdated(server, uri, updates, systemContext()))
      .catch((error: unknown) => this.logger.warn({ err: error, serverId: server.id }, 'A resource update was not recorded'));
  }
}

/** Whether a server announced `resources.subscribe`. */
export function supportsSubscribe(capabilities: Record<string, unknown>): boolean {
  const resources = capabilities['resources'] as { subscribe?: unknown } | undefined;
  return resources?.subscribe === true;
}
