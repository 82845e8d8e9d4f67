import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/** What Nest hands back to close: the server it created (or a namespace of it). */
type Created = Parameters<IoAdapter['close']>[0];

/** Socket.IO on the API's own HTTP server, with the same CORS origins as REST. */
export class ConfiguredIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const cors = this.corsOrigins.length > 0 ? { origin: this.corsOrigins, credentials: true } : undefined;
    return super.createIOServer(port, { ...options, cors }) as Server;
  }

  /**
   * Closes every client's transport (a browser reconnects, to another replica if need be, as
   * after a lost connection: no "server disconnect" that would keep it away), and leaves the
   * HTTP server to Fastify, which closes it next (answering 503 with `connection: close`
   * meanwhile). Socket.IO's own close also closes the HTTP server and waits until every
   * kept-alive connection has ended: a client that keeps sending requests on one never let a
   * shutdown finish.
   */
  override close(server: Created): Promise<void> {
    const io = 'engine' in server ? server : (server as unknown as { server: Created }).server;
    io.engine.close();
    return Promise.resolve();
  }
}
