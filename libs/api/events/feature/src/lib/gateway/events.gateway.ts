import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';

import { EventsRepository, EventStore } from '@mcp-fleet/api/events/data-access';
import { CredentialVerifier } from '@mcp-fleet/api/shared/authz';
import {
  type ClientToServerEvents,
  EVENT_TYPES,
  type FleetEvent,
  type Principal,
  RESTRICTED_EVENT_CATEGORIES,
  type ServerState,
  type ServerStatusChange,
  type ServerToClientEvents,
  SOCKET_PATH,
  type SocketChannel,
  type SocketError,
} from '@mcp-fleet/shared/contracts';

import { seesRestrictedEvents } from '../domain/event-filter';
import { parseResync, parseSubscribe } from './socket-messages';
import { CHANNEL_PERMISSIONS, roomFor, Subscriptions } from './subscriptions';

interface SocketData {
  principal: Principal;
  subscriptions: Subscriptions;
}

type FleetServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type FleetSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Sockets that may not see security and audit events sit in this room. */
const UNPRIVILEGED_ROOM = 'unprivileged';
/** A resync reads at most this many events; beyond, the client pages the REST history. */
export const MAX_REPLAY = 10_000;
const REPLAY_PAGE = 1000;
/** Credentials are checked again this often: expired, revoked or demoted principals lose the socket. */
const RECHECK_EVERY_MS = 30_000;

/**
 * The live feed at `/api/mcp/ws`. A handshake without a valid access or API token is refused.
 * Sockets subscribe to channels (optionally per server) and receive only committed events they
 * subscribed to and may see; `resync` replays what a reconnecting client missed, in seq order,
 * holding back live events meanwhile so nothing arrives twice or out of order.
 */
@WebSocketGateway({ path: SOCKET_PATH, serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class EventsGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(EventsGateway.name);
  @WebSocketServer() private server!: FleetServer;
  /** Sockets replaying history, with the live events held back for them meanwhile. */
  private readonly resyncing = new Map<string, FleetEvent[]>();
  private stopListening: (() => void) | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly authenticator: CredentialVerifier,
    private readonly store: EventStore,
    private readonly events: EventsRepository,
  ) {}

  afterInit(server: FleetServer): void {
    server.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake)
        .then((principal) => {
          socket.data.principal = principal;
          socket.data.subscriptions = new Subscriptions();
          next();
        })
        .catch(() => next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } })));
    });
    this.stopListening = this.store.onCommitted((events) => this.fanOut(events));
    this.recheckTimer = setInterval(() => void this.recheckCredentials(), RECHECK_EVERY_MS);
    this.recheckTimer.unref();
  }

  handleConnection(socket: FleetSocket): void {
    if (!seesRestrictedEvents(socket.data.principal)) {
      void socket.join(UNPRIVILEGED_ROOM);
    }
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    clearInterval(this.recheckTimer);
  }

  /** How many sockets are connected to this instance. */
  get connections(): number {
    return this.server?.of('/').sockets.size ?? 0;
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: FleetSocket, @MessageBody() body: unknown): void {
    const parsed = parseSubscribe(body);
    if (!parsed.ok) {
      return this.refuse(socket, 'subscribe', 'VALIDATION_FAILED', parsed.problems);
    }
    const forbidden = parsed.value.events.filter((channel) => !this.may(socket, channel));
    if (forbidden.length > 0) {
      return this.refuse(socket, 'subscribe', 'FORBIDDEN', forbidden.map((c) => `${c} needs ${CHANNEL_PERMISSIONS[c]}`));
    }
    socket.data.subscriptions.subscribe(parsed.value.events, parsed.value.serverIds);
    this.syncRooms(socket);
    socket.emit('subscription_confirmed', socket.data.subscriptions.state());
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: FleetSocket, @MessageBody() body: unknown): void {
    const parsed = parseSubscribe(body);
    if (!parsed.ok) {
      return this.refuse(socket, 'unsubscribe', 'VALIDATION_FAILED', parsed.problems);
    }
    socket.data.subscriptions.unsubscribe(parsed.value.events, parsed.value.serverIds);
    this.syncRooms(socket);
    socket.emit('unsubscription_confirmed', socket.data.subscriptions.state());
  }

  @SubscribeMessage('resync')
  async resync(@ConnectedSocket() socket: FleetSocket, @MessageBody() body: unknown): Promise<void> {
    const parsed = parseResync(body);
    if (!parsed.ok) {
      return this.refuse(socket, 'resync', 'VALIDATION_FAILED', parsed.problems);
    }
    if (this.resyncing.has(socket.id)) {
      return this.refuse(socket, 'resync', 'VALIDATION_FAILED', ['a resync is already running on this socket']);
    }
    const { afterSeq } = parsed.value;
    this.resyncing.set(socket.id, []);
    let lastSeq = afterSeq;
    let replayed = 0;
    let scanned = 0;
    let truncated = false;
    try {
      const exclude = seesRestrictedEvents(socket.data.principal) ? undefined : RESTRICTED_EVENT_CATEGORIES;
      for (;;) {
        const page = await this.events.after(lastSeq, REPLAY_PAGE, { excludeCategories: exclude });
        for (const event of page) {
          replayed += this.deliver(socket, event) ? 1 : 0;
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
      this.logger.error({ err: error }, 'Resync failed');
      this.resyncing.delete(socket.id);
      return this.refuse(socket, 'resync', 'INTERNAL_ERROR', ['the history could not be read; try again']);
    }
    // Live events committed while we read were held back; deliver those we did not replay.
    const held = this.resyncing.get(socket.id) ?? [];
    this.resyncing.delete(socket.id);
    if (!truncated) {
      for (const event of held) {
        if (event.seq > lastSeq) {
          replayed += this.deliver(socket, event) ? 1 : 0;
          lastSeq = event.seq;
        }
      }
    }
    socket.emit('resync_complete', { afterSeq, lastSeq, replayed, truncated });
  }

  private fanOut(events: FleetEvent[]): void {
    if (!this.server) {
      return;
    }
    const held = [...this.resyncing.keys()];
    for (const event of events) {
      const restricted = RESTRICTED_EVENT_CATEGORIES.includes(event.category);
      this.broadcast('new_event', event, restricted, held, (op) => op.emit('new_event', event));
      const change = toStatusChange(event);
      if (change) {
        this.broadcast('server_status_change', event, restricted, held, (op) => op.emit('server_status_change', change));
      }
      for (const buffer of this.resyncing.values()) {
        buffer.push(event);
      }
    }
  }

  private broadcast(
    channel: SocketChannel,
    event: FleetEvent,
    restricted: boolean,
    held: string[],
    send: (op: ReturnType<FleetServer['to']>) => void,
  ): void {
    const rooms = event.serverId ? [roomFor(channel), roomFor(channel, event.serverId)] : [roomFor(channel)];
    const except = restricted ? [...held, UNPRIVILEGED_ROOM] : held;
    send(except.length > 0 ? this.server.to(rooms).except(except) : this.server.to(rooms));
  }

  /** Sends one event to one socket as its subscriptions and permissions allow; true when sent. */
  private deliver(socket: FleetSocket, event: FleetEvent): boolean {
    if (RESTRICTED_EVENT_CATEGORIES.includes(event.category) && !seesRestrictedEvents(socket.data.principal)) {
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
    return sent;
  }

  private may(socket: FleetSocket, channel: SocketChannel): boolean {
    return socket.data.principal.permissions.includes(CHANNEL_PERMISSIONS[channel]);
  }

  private syncRooms(socket: FleetSocket): void {
    const wanted = socket.data.subscriptions.rooms();
    for (const room of socket.rooms) {
      if (room !== socket.id && room !== UNPRIVILEGED_ROOM && !wanted.has(room)) {
        void socket.leave(room);
      }
    }
    void socket.join([...wanted]);
  }

  private refuse(socket: FleetSocket, event: string, code: SocketError['code'], details: string[]): void {
    socket.emit('exception', { event, code, message: details[0] ?? code, details });
  }

  private async recheckCredentials(): Promise<void> {
    for (const socket of this.server.of('/').sockets.values()) {
      try {
        const principal = await this.authenticator.authenticate(socket.handshake);
        socket.data.principal = principal;
        socket.data.subscriptions.retain((channel) => this.may(socket, channel));
        this.syncRooms(socket);
        if (seesRestrictedEvents(principal)) {
          void socket.leave(UNPRIVILEGED_ROOM);
        } else {
          void socket.join(UNPRIVILEGED_ROOM);
        }
      } catch {
        this.refuse(socket, 'connection', 'UNAUTHENTICATED', ['the credentials expired or were revoked; reconnect with a fresh token']);
        socket.disconnect(true);
      }
    }
  }
}

/** The `server_status_change` view of a `server.status_changed` event (`data: { from, to, reason }`). */
function toStatusChange(event: FleetEvent): ServerStatusChange | null {
  const data = event.data as { from?: ServerState | null; to?: ServerState; reason?: string | null };
  if (event.type !== EVENT_TYPES.serverStatusChanged || !event.serverId || !data.to) {
    return null;
  }
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
