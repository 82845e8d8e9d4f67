import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Gauge, register } from 'prom-client';
import type { Server, Socket } from 'socket.io';

import { EventsRepository, EventTail, LiveFeed, type LiveMessage } from '@mcp-fleet/api/events/data-access';
import { CredentialVerifier } from '@mcp-fleet/api/shared/authz';
import { isDatabaseUnavailable } from '@mcp-fleet/api/shared/errors';
import {
  type ClientToServerEvents,
  EVENT_TYPES,
  type FleetEvent,
  isEventOfType,
  type Principal,
  principalMayUse,
  RESTRICTED_EVENT_CATEGORIES,
  type ServerStatusChange,
  type ServerToClientEvents,
  SOCKET_PATH,
  type SocketChannel,
  type SocketError,
  type SubscriptionState,
} from '@mcp-fleet/shared/contracts';

import { seesRestrictedEvents } from '../domain/event-filter';
import { DeliveryLog } from './delivery-log';
import { parseResync, parseSubscribe } from './socket-messages';
import { CHANNEL_PERMISSIONS, Subscriptions } from './subscriptions';

interface SocketData {
  principal: Principal;
  subscriptions: Subscriptions;
  log: DeliveryLog;
}

type FleetServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type FleetSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The gateway of the application that started last (tests start several in one process). */
let liveGateway: EventsGateway | undefined;

/** A replay reads at most this many events; beyond, the client pages the REST history. */
export const MAX_REPLAY = 10_000;
const REPLAY_PAGE = 1000;
/** Credentials are checked again this often: expired, revoked or demoted principals lose the socket. */
const RECHECK_EVERY_MS = 30_000;

/**
 * The live feed at `/api/mcp/ws`. A handshake without a valid access or API token is refused.
 * Sockets subscribe to channels (optionally per server) and receive only committed events they
 * subscribed to and may see (a server-scoped API token: only its servers'). A replay (`subscribe`
 * with `afterSeq`, or `resync`) sends what a reconnecting client missed while live events are
 * held back, so nothing arrives twice; each socket's delivery log remembers what it was sent.
 */
@WebSocketGateway({ path: SOCKET_PATH, serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class EventsGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(EventsGateway.name);
  @WebSocketServer() private server!: FleetServer;
  private stopListening: (() => void) | undefined;
  private stopLive: (() => void) | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly authenticator: CredentialVerifier,
    private readonly tail: EventTail,
    private readonly events: EventsRepository,
    private readonly live: LiveFeed,
  ) {}

  afterInit(server: FleetServer): void {
    server.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake)
        .then((principal) => {
          socket.data.principal = principal;
          socket.data.subscriptions = new Subscriptions();
          socket.data.log = new DeliveryLog();
          next();
        })
        .catch((error: unknown) => next(handshakeRefusal(error)));
    });
    // Every instance's events, in seq order: a client sees everything whichever replica it is on.
    this.stopListening = this.tail.onEvents((events) => this.fanOut(events));
    this.stopLive = this.live.subscribe((message) => this.pushLive(message));
    this.recheckTimer = setInterval(() => void this.recheckCredentials(), RECHECK_EVERY_MS);
    this.recheckTimer.unref();
    // The gauge reads whichever gateway started last; a module-level pointer is the only way in.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    liveGateway = this;
    if (!register.getSingleMetric('mcp_active_connections')) {
      new Gauge({
        name: 'mcp_active_connections',
        help: 'Socket.IO connections to this instance',
        collect() {
          this.set(liveGateway?.connections ?? 0);
        },
      });
    }
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    this.stopLive?.();
    clearInterval(this.recheckTimer);
  }

  /** How many sockets are connected to this instance. */
  get connections(): number {
    return this.server?.of('/').sockets.size ?? 0;
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: FleetSocket, @MessageBody() body: unknown): Promise<void> {
    const parsed = parseSubscribe(body, true);
    if (!parsed.ok) {
      return this.refuse(socket, 'subscribe', 'VALIDATION_FAILED', parsed.problems);
    }
    const forbidden = parsed.value.events.filter((channel) => !this.may(socket, channel));
    if (forbidden.length > 0) {
      return this.refuse(
        socket,
        'subscribe',
        'FORBIDDEN',
        forbidden.map((c) => `${c} needs ${CHANNEL_PERMISSIONS[c]}`),
      );
    }
    const { afterSeq } = parsed.value;
    if (afterSeq !== undefined && socket.data.log.held) {
      return this.refuse(socket, 'subscribe', 'VALIDATION_FAILED', ['a replay is already running on this socket']);
    }
    if (afterSeq !== undefined) {
      socket.data.log.held = []; // before the subscription widens, so no live event overtakes the replay
    }
    socket.data.subscriptions.subscribe(parsed.value.events, parsed.value.serverIds);
    socket.emit('subscription_confirmed', this.stateOf(socket));
    if (afterSeq !== undefined) {
      await this.replay(socket, 'subscribe', afterSeq);
    }
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: FleetSocket, @MessageBody() body: unknown): void {
    const parsed = parseSubscribe(body);
    if (!parsed.ok) {
      return this.refuse(socket, 'unsubscribe', 'VALIDATION_FAILED', parsed.problems);
    }
    socket.data.subscriptions.unsubscribe(parsed.value.events, parsed.value.serverIds);
    socket.emit('unsubscription_confirmed', this.stateOf(socket));
  }

  /**
   * Replays what the socket's subscriptions missed after `afterSeq`. Events it already received
   * live are not sent again; they arrived before the older ones replayed here, so a client that
   * resyncs after subscribing inserts by seq (or subscribes with `afterSeq` to get strict order).
   */
  @SubscribeMessage('resync')
  async resync(@ConnectedSocket() socket: FleetSocket, @MessageBody() body: unknown): Promise<void> {
    const parsed = parseResync(body);
    if (!parsed.ok) {
      return this.refuse(socket, 'resync', 'VALIDATION_FAILED', parsed.problems);
    }
    if (socket.data.log.held) {
      return this.refuse(socket, 'resync', 'VALIDATION_FAILED', ['a replay is already running on this socket']);
    }
    socket.data.log.held = [];
    await this.replay(socket, 'resync', parsed.value.afterSeq);
  }

  /** Runs with live events held back for this socket (`log.held` set by the caller). */
  private async replay(socket: FleetSocket, command: string, afterSeq: number): Promise<void> {
    const log = socket.data.log;
    const alreadySent = log.sent();
    let lastSeq = afterSeq;
    let replayed = 0;
    let scanned = 0;
    let truncated = false;
    let failed = false;
    try {
      const { principal } = socket.data;
      const filter = {
        excludeCategories: seesRestrictedEvents(principal) ? undefined : RESTRICTED_EVENT_CATEGORIES,
        serverIds: principal.serverIds,
      };
      for (;;) {
        const page = await this.events.after(lastSeq, REPLAY_PAGE, filter);
        for (const event of page) {
          replayed += !alreadySent.has(event.seq) && this.deliver(socket, event) ? 1 : 0;
          lastSeq = event.seq;
        }
        scanned += page.length;
        if (page.length < REPLAY_PAGE) {
          break;
        }
        if (scanned >= MAX_REPLAY) {
          truncated = true;
          break;
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, 'Replay failed');
      failed = true;
    }
    // Live events committed while we read were held back; send those the replay did not cover.
    const held = log.held ?? [];
    log.held = null;
    if (!truncated) {
      for (const event of held) {
        if (event.seq > lastSeq && !alreadySent.has(event.seq) && this.deliver(socket, event)) {
          replayed += 1;
        }
      }
    }
    if (failed) {
      return this.refuse(socket, command, 'INTERNAL_ERROR', ['the history could not be read; try again']);
    }
    socket.emit('resync_complete', { afterSeq, lastSeq: Math.max(lastSeq, log.highWater), replayed, truncated });
  }

  /** Sends each committed event once to every socket that wants it; encoded once per event and channel. */
  private fanOut(events: FleetEvent[]): void {
    if (!this.server) {
      return;
    }
    const sockets = [...this.server.of('/').sockets.values()].filter((socket) => socket.data.log);
    for (const event of events) {
      const change = toStatusChange(event);
      const toEvent: string[] = [];
      const toChange: string[] = [];
      for (const socket of sockets) {
        const { log, subscriptions } = socket.data;
        if (log.held) {
          log.held.push(event);
          continue;
        }
        if (event.seq <= log.highWater || !this.mayRead(socket, event)) {
          continue; // already replayed to it, or not for its eyes
        }
        const wantsEvent = subscriptions.wants('new_event', event.serverId);
        const wantsChange = change !== null && subscriptions.wants('server_status_change', event.serverId);
        if (wantsEvent) toEvent.push(socket.id);
        if (wantsChange) toChange.push(socket.id);
        if (wantsEvent || wantsChange) log.delivered(event.seq);
      }
      if (toEvent.length > 0) {
        this.server.to(toEvent).emit('new_event', event);
      }
      if (change && toChange.length > 0) {
        this.server.to(toChange).emit('server_status_change', change);
      }
    }
  }

  /** Bulk progress and stderr lines: not stored events, so no seq bookkeeping, just the subscribers. */
  private pushLive(message: LiveMessage): void {
    if (!this.server) {
      return;
    }
    const serverId = message.payload.serverId ?? null;
    const recipients = [...this.server.of('/').sockets.values()]
      .filter(
        (socket) =>
          socket.data.subscriptions?.wants(message.channel, serverId) && this.may(socket, message.channel) && this.mayUse(socket, serverId),
      )
      .map((socket) => socket.id);
    if (recipients.length === 0) {
      return;
    }
    if (message.channel === 'server_log') {
      this.server.to(recipients).emit('server_log', message.payload);
    } else {
      this.server.to(recipients).emit('bulk_operation_progress', message.payload);
    }
  }

  /** Sends one event to one socket as its subscriptions and permissions allow; true when sent. */
  private deliver(socket: FleetSocket, event: FleetEvent): boolean {
    if (!this.mayRead(socket, event)) {
      return false;
    }
    let sent = false;
    if (socket.data.subscriptions.wants('new_event', event.serverId)) {
      socket.emit('new_event', event);
      sent = true;
    }
    const change = toStatusChange(event);
    if (change && socket.data.subscriptions.wants('server_status_change', event.serverId)) {
      socket.emit('server_status_change', change);
      sent = true;
    }
    if (sent) {
      socket.data.log.delivered(event.seq);
    }
    return sent;
  }

  private mayRead(socket: FleetSocket, event: FleetEvent): boolean {
    return (
      (!RESTRICTED_EVENT_CATEGORIES.includes(event.category) || seesRestrictedEvents(socket.data.principal)) &&
      this.mayUse(socket, event.serverId)
    );
  }

  /** A server-scoped API token hears only of its servers: nothing about others, nothing about no server. */
  private mayUse(socket: FleetSocket, serverId: string | null): boolean {
    const { principal } = socket.data;
    return principal.serverIds === undefined || (serverId !== null && principalMayUse(principal, serverId));
  }

  private may(socket: FleetSocket, channel: SocketChannel): boolean {
    return socket.data.principal.permissions.includes(CHANNEL_PERMISSIONS[channel]);
  }

  /** The socket's subscriptions, and the seq after which every event reaches it. */
  private stateOf(socket: FleetSocket): SubscriptionState {
    return { ...socket.data.subscriptions.state(), seq: this.tail.seq };
  }

  private refuse(socket: FleetSocket, event: string, code: SocketError['code'], details: string[]): void {
    socket.emit('exception', { event, code, message: details[0] ?? code, details });
  }

  private async recheckCredentials(): Promise<void> {
    for (const socket of this.server.of('/').sockets.values()) {
      try {
        socket.data.principal = await this.authenticator.authenticate(socket.handshake);
        socket.data.subscriptions.retain((channel) => this.may(socket, channel));
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          // Verified once already: it stays connected and is checked again in the next round,
          // when the database can answer. A cut here would lose it every event of the outage.
          continue;
        }
        this.refuse(socket, 'connection', 'UNAUTHENTICATED', ['the credentials expired or were revoked; reconnect with a fresh token']);
        socket.disconnect(true);
      }
    }
  }
}

/**
 * Why a handshake is refused: UNAUTHENTICATED for bad credentials, SERVICE_UNAVAILABLE (with
 * `retryAfterSeconds`) when the credentials could not be checked because the database is away,
 * so a client retries instead of signing out.
 */
function handshakeRefusal(error: unknown): Error {
  if (isDatabaseUnavailable(error)) {
    return Object.assign(new Error('SERVICE_UNAVAILABLE'), { data: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 } });
  }
  return Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } });
}

/** The `server_status_change` view of a `server.status_changed` event (`data: { from, to, reason }`). */
function toStatusChange(event: FleetEvent): ServerStatusChange | null {
  if (!isEventOfType(event, EVENT_TYPES.serverStatusChanged) || !event.serverId) {
    return null;
  }
  const { data } = event;
  return {
    seq: event.seq,
    serverId: event.serverId,
    serverName: event.serverName,
    from: data.from ?? null,
    to: data.to,
    reason: data.reason ?? null,
    timestamp: event.timestamp,
    correlationId: event.correlationId,
  };
}
