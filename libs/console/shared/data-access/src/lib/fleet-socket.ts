import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { BehaviorSubject, filter, type Observable, Subject } from 'rxjs';
import { io, type Socket } from 'socket.io-client';

import {
  type BulkOperationProgress,
  type ClientToServerEvents,
  type FleetEvent,
  type ServerLogLine,
  type ServerStatusChange,
  type ServerToClientEvents,
  SOCKET_PATH,
  type SocketChannel,
} from '@mcp-fleet/shared/contracts';

import { AuthStore } from './auth.store';
import { missedEvents } from './missed-events';
import { SeqTracker } from './seq-tracker';

/** What the "Live" indicator shows: only `live` means events are flowing right now. */
export type SocketStatus = 'offline' | 'connecting' | 'live' | 'reconnecting';

const FEED_CHANNELS: SocketChannel[] = ['new_event', 'server_status_change', 'bulk_operation_progress'];

/**
 * The console's one Socket.IO connection. Pages read signals and streams from it and never
 * open their own. Reconnects with jittered backoff; every (re)subscription asks for what came
 * after the last seq seen, and the seq tracker drops anything seen twice, so a dropped
 * connection neither loses nor repeats an event.
 */
@Injectable({ providedIn: 'root' })
export class FleetSocket {
  private readonly auth = inject(AuthStore);
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly seq = new SeqTracker();
  private readonly logWatchers = new Map<string, number>();
  private readonly eventsSubject = new Subject<FleetEvent>();
  private readonly statusSubject = new Subject<ServerStatusChange>();
  private readonly bulkSubject = new Subject<BulkOperationProgress>();
  private readonly logSubject = new Subject<ServerLogLine>();
  private readonly subscribedSubject = new Subject<void>();

  readonly status = signal<SocketStatus>('offline');
  /** The newest seq received on any channel (0 before the first). */
  readonly lastSeq = signal(0);
  readonly events$ = this.eventsSubject.asObservable();
  readonly statusChanges$ = this.statusSubject.asObservable();
  readonly bulkProgress$ = this.bulkSubject.asObservable();
  readonly logs$ = this.logSubject.asObservable();
  /**
   * Fires after every (re)subscription of the feed: pages holding snapshots whose seq they do
   * not know refresh them. Pages that know it listen to `missed` instead.
   */
  readonly resubscribed$ = this.subscribedSubject.asObservable();
  /** The seq the feed is live from: the API sends every event after it (null before the first subscription). */
  private readonly liveFrom = new BehaviorSubject<number | null>(null);
  /** A feed subscription was sent and its confirmation has not come back yet. */
  private feedPending = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  connect(): void {
    if (this.socket) {
      return;
    }
    this.status.set('connecting');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: SOCKET_PATH,
      transports: ['websocket'],
      // Read on every attempt, so a reconnect presents the current access token.
      auth: (callback) => callback({ token: this.auth.accessToken() ?? '' }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;

    socket.on('connect', () => this.subscribe());
    socket.on('subscription_confirmed', (state) => {
      // Only the feed's own confirmation: one for a log tail changes nothing a snapshot holds.
      if (this.feedPending && state.subscriptions.new_event) {
        this.feedPending = false;
        this.liveFrom.next(state.seq);
        this.status.set('live');
        this.subscribedSubject.next();
      }
    });
    socket.on('disconnect', (reason) => {
      this.status.set('reconnecting');
      // The server closes sockets whose token expired; the client does not retry those itself.
      if (reason === 'io server disconnect') {
        void this.reconnectWithFreshToken();
      }
    });
    socket.on('connect_error', (error) => {
      this.status.set('reconnecting');
      if (error.message === 'UNAUTHENTICATED') {
        void this.reconnectWithFreshToken();
      } else if (error.message === 'SERVICE_UNAVAILABLE' && !socket.active) {
        // The API could not check the token (its database is away): a refusal in the handshake
        // is not retried by socket.io itself, so try again in a few seconds.
        setTimeout(() => this.socket === socket && !socket.connected && socket.connect(), 2000 + Math.random() * 3000);
      }
    });
    socket.on('new_event', (event) => {
      if (this.seq.accept('new_event', event.seq)) {
        this.lastSeq.set(this.seq.highest());
        this.eventsSubject.next(event);
      }
    });
    socket.on('server_status_change', (change) => {
      if (this.seq.accept('server_status_change', change.seq)) {
        this.lastSeq.set(this.seq.highest());
        this.statusSubject.next(change);
      }
    });
    socket.on('bulk_operation_progress', (progress) => {
      if (progress.seq === undefined || this.seq.accept('bulk_operation_progress', progress.seq)) {
        this.bulkSubject.next(progress);
      }
    });
    socket.on('server_log', (line) => this.logSubject.next(line));
  }

  /**
   * Joins a page's snapshots to the feed (`missedEvents`). `snapshotSeqs` gives the seq of each
   * snapshot as it arrives (`Snapshot.seq`); this fires, once per snapshot, when the feed is or
   * goes live after events that snapshot lacks. Pages load a snapshot without waiting for the
   * feed, and read it again only then.
   */
  missed(snapshotSeqs: Observable<number | null>): Observable<void> {
    return missedEvents(snapshotSeqs, this.liveFrom.pipe(filter((seq): seq is number => seq !== null)));
  }

  disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.status.set('offline');
  }

  /**
   * Live stderr of one server while the caller holds the subscription; reference-counted so
   * two panels on the same server share it. Returns the function that ends it.
   */
  watchLogs(serverId: string): () => void {
    const count = this.logWatchers.get(serverId) ?? 0;
    this.logWatchers.set(serverId, count + 1);
    if (count === 0) {
      this.socket?.emit('subscribe', { events: ['server_log'], serverIds: [serverId] });
    }
    return () => {
      const left = (this.logWatchers.get(serverId) ?? 1) - 1;
      if (left > 0) {
        this.logWatchers.set(serverId, left);
        return;
      }
      this.logWatchers.delete(serverId);
      this.socket?.emit('unsubscribe', { events: ['server_log'], serverIds: [serverId] });
    };
  }

  private subscribe(): void {
    const socket = this.socket;
    if (!socket) {
      return;
    }
    const afterSeq = this.seq.resumeFrom();
    this.feedPending = true;
    socket.emit('subscribe', afterSeq === null ? { events: FEED_CHANNELS } : { events: FEED_CHANNELS, afterSeq });
    if (this.logWatchers.size > 0) {
      socket.emit('subscribe', { events: ['server_log'], serverIds: [...this.logWatchers.keys()] });
    }
  }

  private async reconnectWithFreshToken(): Promise<void> {
    if (!(await this.auth.refresh())) {
      this.disconnect();
      return;
    }
    if (this.socket && !this.socket.connected) {
      this.socket.connect();
    }
  }
}
