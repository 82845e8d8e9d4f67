import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import { EventTail } from '@mcp-fleet/api/events/data-access';
import { McpServerRepository } from '@mcp-fleet/api/servers/data-access';
import type { FleetEvent, McpServer } from '@mcp-fleet/shared/contracts';

import { CatalogRepository, type StoredCatalog } from './catalog.repository';
import { ToolSwitchesRepository } from './tool-switches.repository';

/** One server as the hot paths see it: its row, what it reported, and the tools switched off. */
export interface DirectoryEntry {
  readonly server: McpServer;
  readonly catalog: StoredCatalog | undefined;
  readonly disabledTools: ReadonlySet<string>;
}

/** A server's entry before and after a change (undefined: not registered). */
export interface DirectoryChange {
  serverId: string;
  before: DirectoryEntry | undefined;
  after: DirectoryEntry | undefined;
}

/** A safety net under the event tail: everything is read again this often. */
const RESYNC_MS = 60_000;
const NO_TOOLS: ReadonlySet<string> = new Set();

/**
 * Every server, its catalog and its tool switches, in memory on every replica, so a tool call
 * (REST or the MCP gateway) reads nothing from the database. Kept current by the event tail:
 * every change of a server (state, config, catalog, switches) is an event, committed after the
 * change itself, so reading the server again when its event arrives sees the change. Reads of
 * one server are serialised; an event arriving during a read makes one more.
 */
@Injectable()
export class FleetDirectory implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FleetDirectory.name);
  private readonly entries = new Map<string, DirectoryEntry>();
  private readonly ids = new Map<string, string>();
  private readonly listeners = new Set<(change: DirectoryChange) => void>();
  private readonly reads = new Map<string, { current: Promise<void>; next?: Promise<void> }>();
  private loaded: Promise<void> | undefined;
  private stopTail: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly servers: McpServerRepository,
    private readonly catalogs: CatalogRepository,
    private readonly switches: ToolSwitchesRepository,
    private readonly tail: EventTail,
  ) {}

  onApplicationBootstrap(): void {
    // Listening before the first read: an event that arrives meanwhile is read again after it.
    this.stopTail = this.tail.onEvents((events) => this.heard(events));
    this.loaded = this.loadAll().catch((error: unknown) => {
      this.logger.error({ err: error }, 'Could not load the fleet directory; retrying at the next resync');
    });
    this.timer = setInterval(() => void this.loadAll().catch(() => undefined), RESYNC_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.stopTail?.();
    clearInterval(this.timer);
  }

  /** Resolves once the first load is done (requests that arrive at boot wait for it). */
  async ready(): Promise<void> {
    await this.loaded;
  }

  get(serverId: string): DirectoryEntry | undefined {
    return this.entries.get(serverId);
  }

  /** The entry, read from the database when the directory has not heard of the server yet (just registered). */
  async lookup(serverId: string): Promise<DirectoryEntry | undefined> {
    const entry = this.entries.get(serverId);
    if (entry) {
      return entry;
    }
    await this.refresh(serverId);
    return this.entries.get(serverId);
  }

  byName(name: string): DirectoryEntry | undefined {
    const id = this.ids.get(name);
    return id === undefined ? undefined : this.entries.get(id);
  }

  all(): IterableIterator<DirectoryEntry> {
    return this.entries.values();
  }

  /** Hears every change of an entry; returns the unsubscribe function. */
  onChange(listener: (change: DirectoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads one server again (a writer on this replica that cannot wait for the tail, or a caller that
   * needs the state as of now). Resolves after a read that began after the call: the one under way
   * if none is, else one more, shared by every caller that asks meanwhile. A caller never waits for
   * more than two reads, however many ask (a loop "while someone asked" starved them all under a
   * steady stream of calls).
   */
  refresh(serverId: string): Promise<void> {
    const queue = this.reads.get(serverId);
    if (!queue) {
      const entry: { current: Promise<void>; next?: Promise<void> } = { current: this.readSafely(serverId) };
      this.reads.set(serverId, entry);
      void entry.current.then(() => this.settle(serverId, entry));
      return entry.current;
    }
    queue.next ??= queue.current.then(() => this.readSafely(serverId));
    return queue.next;
  }

  private settle(serverId: string, entry: { current: Promise<void>; next?: Promise<void> }): void {
    if (this.reads.get(serverId) !== entry) {
      return;
    }
    if (!entry.next) {
      this.reads.delete(serverId);
      return;
    }
    const promoted: { current: Promise<void>; next?: Promise<void> } = { current: entry.next };
    this.reads.set(serverId, promoted);
    void promoted.current.then(() => this.settle(serverId, promoted));
  }

  private async readSafely(serverId: string): Promise<void> {
    try {
      await this.readOne(serverId);
    } catch (error) {
      this.logger.warn({ err: error, serverId }, 'Could not refresh a server in the directory');
    }
  }

  private heard(events: FleetEvent[]): void {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.serverId && event.type.startsWith('server.')) {
        ids.add(event.serverId);
      }
    }
    for (const id of ids) {
      void this.refresh(id);
    }
  }

  private async readOne(serverId: string): Promise<void> {
    const [server, catalog, disabled] = await Promise.all([
      this.servers.findById(serverId),
      this.catalogs.find(serverId),
      this.switches.disabled(serverId),
    ]);
    this.put(serverId, server ? { server, catalog, disabledTools: disabled.get(serverId) ?? NO_TOOLS } : undefined);
  }

  private async loadAll(): Promise<void> {
    const [servers, catalogs, disabled] = await Promise.all([this.servers.findAll(), this.catalogs.findAll(), this.switches.disabled()]);
    const catalogOf = new Map(catalogs.map((catalog) => [catalog.serverId, catalog]));
    const seen = new Set<string>();
    for (const server of servers) {
      seen.add(server.id);
      const before = this.entries.get(server.id);
      const after = { server, catalog: catalogOf.get(server.id), disabledTools: disabled.get(server.id) ?? NO_TOOLS };
      if (!before || !sameEntry(before, after)) {
        this.put(server.id, after);
      }
    }
    for (const id of [...this.entries.keys()]) {
      if (!seen.has(id)) {
        this.put(id, undefined);
      }
    }
  }

  private put(serverId: string, after: DirectoryEntry | undefined): void {
    const before = this.entries.get(serverId);
    if (before) {
      this.ids.delete(before.server.name);
    }
    if (after) {
      this.entries.set(serverId, after);
      this.ids.set(after.server.name, serverId);
    } else {
      this.entries.delete(serverId);
    }
    for (const listener of this.listeners) {
      try {
        listener({ serverId, before, after });
      } catch (error) {
        this.logger.error({ err: error }, 'A directory listener failed');
      }
    }
  }
}

function sameEntry(a: DirectoryEntry, b: DirectoryEntry): boolean {
  return (
    a.server.version === b.server.version &&
    a.server.state === b.server.state &&
    a.server.desiredState === b.server.desiredState &&
    a.catalog?.refreshedAt === b.catalog?.refreshedAt &&
    a.disabledTools.size === b.disabledTools.size &&
    [...a.disabledTools].every((tool) => b.disabledTools.has(tool))
  );
}

/** Whether a tool may be called: on, and (when the server reported its tools) listed. */
export function toolVerdict(entry: DirectoryEntry, tool: string): 'ok' | 'disabled' | 'unknown' {
  if (entry.disabledTools.has(tool)) {
    return 'disabled';
  }
  if (entry.catalog && !entry.catalog.tools.some((item) => item['name'] === tool)) {
    return 'unknown';
  }
  return 'ok';
}
