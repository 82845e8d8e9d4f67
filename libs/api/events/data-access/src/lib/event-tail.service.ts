import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';

import { AppConfig } from '@mcp-fleet/api/shared/config';
import type { FleetEvent } from '@mcp-fleet/shared/contracts';

import { type CommittedListener, EventStore } from './event-store.service';
import { EVENTS_CHANNEL, EventsRepository } from './events.repository';
import { LIVE_CHANNEL, LiveRelay } from './live-relay.service';

/** A missed notification costs at most this much latency, never an event. */
const POLL_MS = 1000;
const BATCH = 1000;
const RECONNECT_MS = 2000;

/**
 * Every event committed by any API instance, in seq order, with no gap and no duplicate: the
 * store is read by seq after the last one delivered. Reads are woken by this instance's own
 * commits at once, by a NOTIFY that every writer sends with its commit (on PostgreSQL; the
 * embedded database has one instance), and by a poll every second as the floor. Seq order is
 * commit order (writers hold a lock for their transaction), so reading `seq > last` never skips
 * a row that commits later.
 */
@Injectable()
export class EventTail implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventTail.name);
  private readonly listeners = new Set<CommittedListener>();
  private lastSeq = 0;
  private reading: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopLocal: (() => void) | undefined;
  private listener: Client | undefined;

  constructor(
    private readonly events: EventsRepository,
    private readonly store: EventStore,
    private readonly config: AppConfig,
    private readonly relay: LiveRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.lastSeq = await this.events.lastSeq();
    this.stopLocal = this.store.onCommitted((batch) => this.committedHere(batch));
    this.pollTimer = setInterval(() => this.wake(), POLL_MS);
    this.pollTimer.unref();
    if (this.config.databaseUrl) {
      this.listen(this.config.databaseUrl);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.pollTimer);
    this.stopLocal?.();
    await this.listener?.end().catch(() => undefined);
  }

  /** Hears every committed event batch in seq order, from any instance; returns the unsubscribe function. */
  onEvents(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last seq delivered to listeners. */
  get seq(): number {
    return this.lastSeq;
  }

  /**
   * This instance's own commits are delivered from memory when they follow the last delivered
   * event directly (always, with one replica): the store is read only to fill a gap, that is
   * for events another instance committed in between.
   */
  private committedHere(batch: FleetEvent[]): void {
    if (this.reading || batch.length === 0 || batch[0].seq !== this.lastSeq + 1) {
      this.wake();
      return;
    }
    this.lastSeq = batch[batch.length - 1].seq;
    this.deliver(batch);
  }

  /** Reads what is new now; a wake-up during a read runs one more read after it. */
  wake(): void {
    if (this.closed) {
      return;
    }
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readNew()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'Reading new events failed; the next wake-up retries'))
      .finally(() => {
        this.reading = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const batch = await this.events.after(this.lastSeq, BATCH);
      if (batch.length === 0) {
        return;
      }
      this.lastSeq = batch[batch.length - 1].seq;
      this.deliver(batch);
      if (batch.length < BATCH) {
        return;
      }
    }
  }

  private deliver(batch: FleetEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.error({ err: error }, 'An event listener failed');
      }
    }
  }

  /**
   * A connection of its own that LISTENs (to new events, and to the live messages of other
   * replicas, handed to the relay); lost, it is opened again (the poll covers the gap).
   */
  private listen(url: string): void {
    const client = new Client({ connectionString: url, application_name: 'mcp-fleet-tail' });
    this.listener = client;
    const retry = () => {
      if (!this.closed && this.listener === client) {
        this.listener = undefined;
        setTimeout(() => !this.closed && this.listen(url), RECONNECT_MS).unref();
      }
    };
    client.on('notification', (message) => (message.channel === LIVE_CHANNEL ? this.relay.heard(message.payload) : this.wake()));
    client.on('error', () => retry());
    client.on('end', () => retry());
    client
      .connect()
      .then(() => client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${LIVE_CHANNEL}`))
      .catch(() => {
        void client.end().catch(() => undefined);
        retry();
      });
  }
}
