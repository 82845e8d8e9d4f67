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

interface ReadBatch {
  ids: Set<string>;
  done: Promise<void>;
}

/** A safety net under the event tail: everything is read again this often. */
const RESYNC_MS = 60_000;
const NO_TOOLS: ReadonlySet<string> = new Set();

/**
 * Every server, its catalog and its tool switches, in memory on every replica, so a tool call
 * (REST or the MCP gateway) reads nothing from the database. Kept current by the event tail:
 * every change of a server (state, config, catalog, switches) is an event, committed after the
 * change itself, so reading the server again when its event arrives sees the change. Reads are
 * batched and serialised; an event arriving during a read makes one more.
 */
@Injectable()
export class FleetDirectory implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FleetDirectory.name);
  private readonly entries = new Map<string, DirectoryEntry>();
  private readonly ids = new Map<string, string>();
  private readonly listeners = new Set<(change: DirectoryChange) => void>();
  /** The servers asked for since the batch under way began, read together once it is done. */
  private nextBatch: ReadBatch | undefined;
  private batchUnderWay: Promise<void> = Promise.resolve();
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
   * needs the state as of now). Resolves after a read that began after the call: the servers asked
   * for meanwhile are read together in one batch, once the batch under way is done. Batches never
   * overlap, so an older read cannot land after a newer one, and a caller never waits for more
   * than two. (One read per server, all at once, took the API 45 s to follow a burst of 100,000
   * events about 10,000 servers, with every request slow meanwhile.)
   */
  refresh(serverId: string): Promise<void> {
    if (!this.nextBatch) {
      const batch: ReadBatch = { ids: new Set(), done: Promise.resolve() };
      // On a later tick, so the servers of one burst of events share it.
      batch.done = this.batchUnderWay
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => {
          this.nextBatch = undefined;
          return this.readSafely([...batch.ids]);
        });
      this.batchUnderWay = batch.done;
      this.nextBatch = batch;
    }
    this.nextBatch.ids.add(serverId);
    return this.nextBatch.done;
  }

  private async readSafely(ids: string[]): Promise<void> {
    try {
      await this.readMany(ids);
    } catch (error) {
      this.logger.warn({ err: error, servers: ids.length }, 'Could not refresh servers in the directory');
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

  private async readMany(ids: string[]): Promise<void> {
    const [servers, catalogs, disabled] = await Promise.all([
      this.servers.findByIds(ids),
      this.catalogs.findMany(ids),
      this.switches.disabled(ids),
    ]);
    const serverOf = new Map(servers.map((server) => [server.id, server]));
    const catalogOf = new Map(catalogs.map((catalog) => [catalog.serverId, catalog]));
    for (const id of ids) {
      const server = serverOf.get(id);
      this.put(id, server ? { server, catalog: catalogOf.get(id), disabledTools: disabled.get(id) ?? NO_TOOLS } : undefined);
    }
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
