import { io, type Socket } from 'socket.io-client';

// Types only: this process runs without the repository's path aliases (see ingest.ts).
import type { ClientToServerEvents, FleetEvent, ServerToClientEvents, SocketError } from '@mcp-fleet/shared/contracts';

/** `SOCKET_PATH` of the contracts, which this process cannot import at run time. */
const SOCKET_PATH = '/api/mcp/ws';
const CONNECT_TIMEOUT_MS = 20_000;

type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What one client saw of one `new_event`, taken the moment its handler ran. */
export interface Receipt {
  client: number;
  seq: number;
  type: string;
  serverId: string | null;
  /** `data.version.to` of a `server.updated` event, else undefined. */
  versionTo: number | undefined;
  /** The event's own timestamp (stamped by the API just before the write), epoch ms. */
  eventTimestampMs: number;
  /** Date.now() and performance.now() at receipt. */
  receivedWallMs: number;
  receivedPerfMs: number;
}

export interface ClientFleet {
  readonly size: number;
  readonly receipts: Receipt[];
  /** Sockets that dropped after they were subscribed. */
  readonly disconnects: number;
  /** `exception` messages the server sent after the subscription. */
  readonly exceptions: string[];
  closeAll(): void;
}

/**
 * Connects `count` Socket.IO clients (each its own WebSocket, as separate browsers would be),
 * `concurrency` handshakes at a time, each subscribed to every `new_event`. Resolves once every
 * client has its `subscription_confirmed`; the first failure rejects (after closing them all).
 */
export async function connectClients(url: string, token: string, count: number, concurrency: number): Promise<ClientFleet> {
  const sockets: FleetSocket[] = [];
  const receipts: Receipt[] = [];
  const state = { disconnects: 0, exceptions: [] as string[], closing: false };
  const fleet: ClientFleet = {
    get size() {
      return sockets.length;
    },
    receipts,
    get disconnects() {
      return state.disconnects;
    },
    exceptions: state.exceptions,
    closeAll() {
      state.closing = true;
      sockets.forEach((socket) => socket.disconnect());
    },
  };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const client = next++;
      const socket = openSocket(url, token, client, receipts);
      sockets.push(socket);
      await subscribe(socket, client);
      socket.on('disconnect', () => (state.closing ? undefined : state.disconnects++));
      socket.on('exception', (error: SocketError) => state.exceptions.push(`client ${client}: ${error.code} ${error.message}`));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } catch (error) {
    fleet.closeAll();
    throw error;
  }
  return fleet;
}

function openSocket(url: string, token: string, client: number, receipts: Receipt[]): FleetSocket {
  const socket: FleetSocket = io(url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: { token },
    // One connection per client (no multiplexing), and a dropped one stays dropped: it is counted.
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  socket.on('new_event', (event: FleetEvent) => {
    const receivedWallMs = Date.now();
    const receivedPerfMs = performance.now();
    const version = (event.data as { version?: { to?: unknown } }).version?.to;
    receipts.push({
      client,
      seq: event.seq,
      type: event.type,
      serverId: event.serverId,
      versionTo: typeof version === 'number' ? version : undefined,
      eventTimestampMs: Date.parse(event.timestamp),
      receivedWallMs,
      receivedPerfMs,
    });
  });
  return socket;
}

function subscribe(socket: FleetSocket, client: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`Socket client ${client}: ${reason}`));
    };
    const timer = setTimeout(() => fail(`no subscription_confirmed within ${CONNECT_TIMEOUT_MS / 1000} s`), CONNECT_TIMEOUT_MS);
    socket.once('connect_error', (error: Error) => fail(`connection refused: ${error.message}`));
    socket.once('exception', (error: SocketError) => fail(`subscribe refused: ${error.code} ${error.message}`));
    socket.once('subscription_confirmed', () => {
      clearTimeout(timer);
      socket.off('connect_error');
      socket.off('exception');
      resolve();
    });
    socket.once('connect', () => socket.emit('subscribe', { events: ['new_event'] }));
  });
}
