import { Injectable, Logger } from '@nestjs/common';

import { type Acquired, LeasesRepository } from '@mcp-fleet/api/runtime/data-access';
import type { Fence } from '@mcp-fleet/api/servers/data-access';

import { Watchdog } from '../process/watchdog';
import { CoordinationConnection } from './coordination-connection';
import { InstanceRegistry } from './instance-registry';
import { leasesLost, ownedServers } from './ownership-metrics';
import { FENCE_AFTER_MS, LEASE_TTL_MS, RENEW_MS } from './timing';

export type LostListener = (serverIds: string[], cause: 'taken' | 'self-fenced') => void;

/**
 * The leases this replica holds. Every RENEW_MS: the heartbeat, one renewal of all of them, and
 * the watchdog's new deadline. A lease missing from the renewal's answer was taken over; when
 * renewals fail for FENCE_AFTER_MS while another replica is live, this replica fences itself
 * (its listeners stop the processes, and the watchdog does it too if this process is frozen).
 */
@Injectable()
export class LeaseKeeper {
  private readonly logger = new Logger(LeaseKeeper.name);
  private readonly held = new Map<string, number>();
  private readonly lostListeners = new Set<LostListener>();
  /** Leases given up locally while the database was away: released once it answers. */
  private readonly toRelease = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** When the last successful renewal was sent (performance.now()). */
  private lastRenewedAt = performance.now();

  constructor(
    private readonly leases: LeasesRepository,
    private readonly registry: InstanceRegistry,
    private readonly watchdog: Watchdog,
    private readonly connection: CoordinationConnection,
  ) {}

  /** At boot: a previous process with this instance id owns nothing any more; then the first heartbeat. */
  async start(): Promise<void> {
    await this.leases.releaseAllOf(this.registry.instanceId);
    await this.tick();
    this.timer = setInterval(() => void this.tick(), RENEW_MS);
    this.timer.unref();
  }

  onLost(listener: LostListener): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  get instanceId(): string {
    return this.registry.instanceId;
  }

  holds(serverId: string): boolean {
    return this.held.has(serverId);
  }

  get count(): number {
    return this.held.size;
  }

  /** What a write of this server's runtime state is conditioned on. */
  fenceOf(serverId: string): Fence {
    return { owner: this.registry.instanceId, generation: this.held.get(serverId) ?? null };
  }

  /** Takes the server's lease (kept when already held); undefined when another replica holds it live. */
  async acquire(serverId: string): Promise<Acquired | undefined> {
    const generation = this.held.get(serverId);
    if (generation !== undefined) {
      return { serverId, generation, previousOwner: this.registry.instanceId };
    }
    const acquired = await this.leases.acquire(serverId, this.registry.instanceId, LEASE_TTL_MS);
    if (acquired) {
      this.held.set(serverId, acquired.generation);
      this.toRelease.delete(serverId);
      ownedServers.set(this.held.size);
    }
    return acquired;
  }

  /** Gives the lease up (the server stopped and is not wanted running, or this replica leaves). */
  async release(serverId: string): Promise<void> {
    const generation = this.held.get(serverId);
    if (generation === undefined) {
      return;
    }
    this.held.delete(serverId);
    ownedServers.set(this.held.size);
    await this.leases.release(serverId, this.registry.instanceId, generation).catch(() => {
      this.toRelease.set(serverId, generation);
    });
  }

  /**
   * Whether this replica still owns the server: it holds the lease and no other replica holds a
   * live one. Throws when the database does not answer (callers wait for it).
   */
  async confirm(serverId: string): Promise<boolean> {
    if (!this.held.has(serverId)) {
      return false;
    }
    const owner = await this.leases.ownerOf(serverId);
    return (
      this.held.has(serverId) &&
      (owner === undefined || (owner.owner === this.registry.instanceId && owner.generation === this.held.get(serverId)))
    );
  }

  /** A clean exit after the servers stopped: every lease released at once, the heartbeat row removed. */
  async handOver(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    this.watchdog.deadline(0);
    await this.leases
      .releaseAllOf(this.registry.instanceId)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Could not release the leases; they expire on their own'));
    this.held.clear();
    ownedServers.set(0);
    await this.registry.leave();
  }

  private tick(): Promise<void> {
    this.ticking ??= this.renew().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async renew(): Promise<void> {
    const sentAt = performance.now();
    try {
      await this.registry.beat();
      const held = [...this.held].map(([serverId, generation]) => ({ serverId, generation }));
      const renewed = await this.leases.renew(this.registry.instanceId, held, LEASE_TTL_MS, this.connection.sql);
      for (const [serverId, generation] of this.toRelease) {
        await this.leases.release(serverId, this.registry.instanceId, generation);
        this.toRelease.delete(serverId);
      }
      this.lastRenewedAt = sentAt;
      this.armWatchdog(sentAt);
      const kept = new Set(renewed.map((lease) => lease.serverId));
      const lost = held.filter((lease) => !kept.has(lease.serverId) && this.held.get(lease.serverId) === lease.generation);
      if (lost.length > 0) {
        this.logger.warn(
          { servers: lost.map((lease) => lease.serverId) },
          'Leases taken over by another replica: stopping their processes here',
        );
        this.drop(
          lost.map((lease) => lease.serverId),
          'taken',
        );
      }
    } catch (error) {
      const silentMs = performance.now() - this.lastRenewedAt;
      this.logger.warn({ err: error, silentMs: Math.round(silentMs) }, 'Could not renew the leases');
      if (silentMs >= FENCE_AFTER_MS && this.registry.hasPeers && this.held.size > 0) {
        this.logger.error('Leases not renewed in time: stopping every server here before another replica takes them over');
        for (const [serverId, generation] of this.held) {
          this.toRelease.set(serverId, generation);
        }
        this.drop([...this.held.keys()], 'self-fenced');
      }
    }
  }

  /**
   * The watchdog kills every server process FENCE_AFTER_MS after this renewal was sent unless a
   * newer one arrives; alone, a replica keeps its processes through an outage (nobody can take over).
   */
  private armWatchdog(sentAt: number): void {
    if (this.registry.hasPeers && this.held.size > 0) {
      this.watchdog.deadline(Math.max(1, FENCE_AFTER_MS - (performance.now() - sentAt)));
    } else {
      this.watchdog.deadline(0);
    }
  }

  private drop(serverIds: string[], cause: 'taken' | 'self-fenced'): void {
    for (const serverId of serverIds) {
      this.held.delete(serverId);
    }
    ownedServers.set(this.held.size);
    leasesLost.inc({ cause }, serverIds.length);
    for (const listener of this.lostListeners) {
      listener(serverIds, cause);
    }
  }
}
