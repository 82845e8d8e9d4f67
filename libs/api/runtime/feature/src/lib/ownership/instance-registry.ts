import type { Server } from 'node:net';

import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { type InstanceRow, InstancesRepository } from '@mcp-fleet/api/runtime/data-access';
import { API_VERSION, AppConfig } from '@mcp-fleet/api/shared/config';

import { CoordinationConnection } from './coordination-connection';
import { INSTANCE_FORGET_MS, INSTANCE_LIVE_MS } from './timing';

/**
 * This replica's heartbeat row (its address and version) and what it last read of the others:
 * the live replicas placement chooses among.
 */
@Injectable()
export class InstanceRegistry {
  private readonly logger = new Logger(InstanceRegistry.name);
  private liveRows: InstanceRow[] = [];
  private beats = 0;

  constructor(
    private readonly instances: InstancesRepository,
    private readonly config: AppConfig,
    private readonly adapter: HttpAdapterHost,
    private readonly connection: CoordinationConnection,
  ) {}

  get instanceId(): string {
    return this.config.instanceId;
  }

  /**
   * The live replicas as last read, placement's candidates: those with an address (listening),
   * and this one (it is about to listen, and a start placed here needs no address).
   */
  get live(): readonly string[] {
    return this.liveRows.filter((row) => row.address !== '' || row.instanceId === this.config.instanceId).map((row) => row.instanceId);
  }

  /** The address of a live replica, as last read. */
  addressOf(instanceId: string): string | undefined {
    return this.liveRows.find((row) => row.instanceId === instanceId)?.address || undefined;
  }

  /** Another replica was live at the last read: then someone can take this one's servers over. */
  get hasPeers(): boolean {
    return this.liveRows.some((row) => row.instanceId !== this.config.instanceId);
  }

  /** Where the others reach this replica; empty until it listens (then it is no candidate for placement). */
  address(): string {
    if (this.config.advertiseUrl) {
      return this.config.advertiseUrl;
    }
    const server = this.adapter.httpAdapter?.getHttpServer() as Server | undefined;
    const bound = server?.address?.();
    return bound && typeof bound === 'object' && bound.port > 0 ? `http://127.0.0.1:${bound.port}` : '';
  }

  /** Writes the heartbeat and reads who is live; throws when the database does not answer. */
  async beat(): Promise<void> {
    const sql = this.connection.sql;
    await this.instances.beat(this.config.instanceId, this.address(), API_VERSION, false, sql);
    this.liveRows = await this.instances.live(INSTANCE_LIVE_MS, sql);
    if (this.beats++ % 1000 === 0) {
      await this.instances.forgetSilent(INSTANCE_FORGET_MS).catch(() => undefined);
    }
  }

  list(): Promise<InstanceRow[]> {
    return this.instances.live(INSTANCE_LIVE_MS);
  }

  /** Every replica alive now (read fresh), also one still booting (no address yet) or leaving. */
  heardFrom(): Promise<string[]> {
    return this.instances.heardFrom(INSTANCE_LIVE_MS);
  }

  /** Another instance known to be gone (its process is dead): no longer a candidate for placement. */
  async forget(instanceId: string): Promise<void> {
    await this.instances.leave(instanceId);
  }

  /** A clean exit: the row goes, so nobody places anything here meanwhile. */
  async leave(): Promise<void> {
    await this.instances.leave(this.config.instanceId).catch((error: unknown) => this.logger.warn({ err: error }, 'Could not leave'));
  }
}
