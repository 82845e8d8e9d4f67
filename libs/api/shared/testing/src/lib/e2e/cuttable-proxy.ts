import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of `host:targetPort` that can be cut (every connection
 * dropped, new ones refused) and restored: a network outage between one client and a service
 * that itself keeps running (the API's database, or the browser's link to the API).
 */
export class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private server: Server | undefined;
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async listen(): Promise<void> {
    this.server = createServer((client) => {
      if (this.cut) {
        client.destroy();
        return;
      }
      // A host that is a directory is a Unix socket directory, as for PostgreSQL clients.
      const upstream = this.host.startsWith('/')
        ? connect({ path: `${this.host}/.s.PGSQL.${this.targetPort}` })
        : connect(this.targetPort, this.host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
        from.pipe(to);
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server?.address() as { port: number }).port;
  }

  sever(): void {
    this.cut = true;
    for (const socket of this.sockets) {
      socket.destroy();
    }
  }

  restore(): void {
    this.cut = false;
  }

  close(): Promise<void> {
    this.sever();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
