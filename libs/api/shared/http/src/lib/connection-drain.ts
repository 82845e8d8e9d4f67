import type { Server } from 'node:http';

import type { Logger } from 'pino';

/**
 * How long a shutdown waits for the HTTP connections still open once the server stopped
 * accepting: requests under way finish, idle kept-alive connections are closed at once. Past it,
 * every connection is closed. By then the servers are stopped and handed over, so nothing
 * useful is left to wait for; a connection a client opened and never used (undici opens spare
 * ones) would otherwise hold the process up for good.
 */
export const CONNECTION_DRAIN_MS = 5000;

/** Arms the bound on a shutdown's connection drain (as the HTTP server begins to close). */
export function boundConnectionDrain(server: Server, logger: Logger, drainMs = CONNECTION_DRAIN_MS): void {
  const timer = setTimeout(() => {
    server.getConnections((_error, open) => {
      if (open > 0) {
        logger.warn({ open, drainMs }, 'HTTP connections still open after the drain period; closing them');
      }
      server.closeAllConnections();
    });
  }, drainMs);
  timer.unref();
}
