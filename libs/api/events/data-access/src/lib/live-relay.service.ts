import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '@mcp-fleet/api/shared/config';
import { queryRows } from '@mcp-fleet/api/shared/database';

import { LiveFeed, type LiveMessage } from './live-feed.service';

/** The NOTIFY channel live messages cross replicas on. */
export const LIVE_CHANNEL = 'mcp_live';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD = 7500;
/** Messages published within this window cross in one NOTIFY. */
const LINGER_MS = 25;

interface Packet {
  from: string;
  messages: LiveMessage[];
}

/**
 * Carries live messages (bulk progress, stderr lines) between replicas over PostgreSQL
 * NOTIFY, in packets of what was published within 25 ms, so a socket hears them on whichever
 * replica it is connected to. Best effort, like the feed itself: a message too large for one
 * NOTIFY is cut (a log line) and a packet that cannot be sent is dropped, never retried. Only
 * with an external PostgreSQL (the embedded database has one instance).
 */
@Injectable()
export class LiveRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveRelay.name);
  private queued: LiveMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastFailureLog = 0;

  constructor(
    private readonly feed: LiveFeed,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.databaseUrl) {
      this.feed.relayTo((message) => this.queue(message));
    }
  }

  onModuleDestroy(): void {
    this.feed.relayTo(undefined);
    clearTimeout(this.timer);
  }

  /** A NOTIFY on LIVE_CHANNEL (heard by the event tail's connection): another replica's messages. */
  heard(payload: string | undefined): void {
    let packet: Packet;
    try {
      packet = JSON.parse(payload ?? '') as Packet;
    } catch {
      return;
    }
    if (packet.from === this.config.instanceId || !Array.isArray(packet.messages)) {
      return;
    }
    for (const message of packet.messages) {
      this.feed.deliver(message);
    }
  }

  private queue(message: LiveMessage): void {
    this.queued.push(fitted(message));
    this.timer ??= setTimeout(() => this.send(), LINGER_MS);
  }

  private send(): void {
    this.timer = undefined;
    const messages = this.queued;
    this.queued = [];
    for (const packet of packets(this.config.instanceId, messages)) {
      queryRows(this.dataSource, 'SELECT pg_notify($1, $2)', [LIVE_CHANNEL, packet]).catch((error: unknown) => {
        if (Date.now() - this.lastFailureLog > 60_000) {
          this.lastFailureLog = Date.now();
          this.logger.warn({ err: error }, 'Live messages not relayed to the other replicas');
        }
      });
    }
  }
}

/** The messages as NOTIFY payloads, each under the size PostgreSQL accepts. */
function packets(from: string, messages: LiveMessage[]): string[] {
  const out: string[] = [];
  let batch: LiveMessage[] = [];
  const text = (list: LiveMessage[]) => JSON.stringify({ from, messages: list } satisfies Packet);
  for (const message of messages) {
    if (batch.length > 0 && Buffer.byteLength(text([...batch, message])) > MAX_PAYLOAD) {
      out.push(text(batch));
      batch = [];
    }
    batch.push(message);
  }
  if (batch.length > 0) {
    out.push(text(batch));
  }
  return out.filter((payload) => Buffer.byteLength(payload) <= MAX_PAYLOAD);
}

/** A log line long enough to fill a NOTIFY alone is cut, as a terminal would wrap it away. */
function fitted(message: LiveMessage): LiveMessage {
  if (message.channel !== 'server_log' || Buffer.byteLength(message.payload.line) <= MAX_PAYLOAD / 2) {
    return message;
  }
  return { ...message, payload: { ...message.payload, line: `${message.payload.line.slice(0, MAX_PAYLOAD / 8)}…` } };
}
