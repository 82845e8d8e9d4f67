import { io, type Socket } from 'socket.io-client';

import { type ClientToServerEvents, type ServerToClientEvents, SOCKET_PATH } from '@mcp-fleet/shared/contracts';

export type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/** What socket.io-client hands to `connect_error` when the server's middleware refuses the handshake. */
export interface HandshakeRefusal {
  message: string;
  data?: { code?: string };
}

/** The untyped view, for sending the server messages the contract does not allow. */
interface LooseSocket {
  on(event: string, listener: (arg: unknown) => void): void;
  off(event: string, listener: (arg: unknown) => void): void;
  emit(event: string, ...args: unknown[]): void;
}

export function loose(socket: FleetSocket): LooseSocket {
  return socket as unknown as LooseSocket;
}

/**
 * Resolves with the first `event` the server sends on `socket` that `accept` takes. Register it
 * before emitting what provokes the answer. The timeout only bounds a hang.
 */
export function nextMessage<E extends ServerEventName>(
  socket: FleetSocket,
  event: E,
  accept: (payload: ServerEventPayload<E>) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<ServerEventPayload<E>> {
  return new Promise((resolve, reject) => {
    const listener = (payload: unknown) => {
      if (accept(payload as ServerEventPayload<E>)) {
        clearTimeout(timer);
        loose(socket).off(event, listener);
        resolve(payload as ServerEventPayload<E>);
      }
    };
    const timer = setTimeout(() => {
      loose(socket).off(event, listener);
      reject(new Error(`No ${event} arrived on socket ${socket.id ?? '(not connected)'}`));
    }, timeoutMs);
    loose(socket).on(event, listener);
  });
}

/**
 * Opens sockets to the API under test and closes every one of them after each test.
 * `connect` resolves once the handshake is accepted; `refusal` once it is refused.
 */
export function useSockets(baseUrl: () => string) {
  const open: FleetSocket[] = [];

  afterEach(() => {
    for (const socket of open.splice(0)) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  });

  const create = (token: string | undefined): FleetSocket => {
    const socket: FleetSocket = io(baseUrl(), {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: token === undefined ? {} : { token },
      reconnection: false,
      forceNew: true,
    });
    open.push(socket);
    return socket;
  };

  return {
    connect(token: string): Promise<FleetSocket> {
      const socket = create(token);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) => reject(new Error(`Socket refused: ${error.message}`)));
      });
    },
    refusal(token: string | undefined): Promise<HandshakeRefusal> {
      const socket = create(token);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => reject(new Error('The handshake was accepted')));
        socket.once('connect_error', (error) => resolve(error as unknown as HandshakeRefusal));
      });
    },
  };
}
