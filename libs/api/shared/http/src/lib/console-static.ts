import { existsSync } from 'node:fs';
import { join } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { DomainError, toErrorResponse } from '@mcp-fleet/api/shared/errors';

const API_PATHS = /^\/(api|health|ready|metrics)(\/|$|\?)/;

/**
 * A file whose name carries the build's content hash (`main-5DKPXPMP.js`,
 * `media/material-symbols-outlined-5DKPXPMP.woff2`): its content never changes under that
 * name, so browsers may keep it for a year without asking again. The Angular builder writes
 * eight upper-case letters and digits; the compressed siblings (`.br`, `.gz`) share the rule.
 */
const HASHED = /-[A-Z0-9]{8}\.(js|mjs|css|woff2?|ttf|svg|png|jpe?g|gif|webp|avif|ico)(\.br|\.gz)?$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built console from the API's own port.
 *
 * - Compression: the console build writes Brotli and gzip siblings of every text asset
 *   (`tools/scripts/compress-static.mjs`, at best quality); the file matching the request's
 *   Accept-Encoding is sent with Content-Encoding and `Vary: accept-encoding`. Nothing is
 *   compressed per request.
 * - Caching: hashed file names are cached for a year (immutable); everything else, above all
 *   index.html, is `no-cache` (revalidated with its ETag), so a new deployment is picked up on
 *   the next load.
 * - Every other non-API GET gets index.html so deep links work.
 *
 * Returns false when no console build is present.
 */
export async function serveConsole(app: NestFastifyApplication, consoleDir: string): Promise<boolean> {
  return registerConsole(app.getHttpAdapter().getInstance(), consoleDir);
}

/** {@link serveConsole} on a bare Fastify instance. */
export async function registerConsole(fastify: FastifyInstance, consoleDir: string): Promise<boolean> {
  if (!existsSync(join(consoleDir, 'index.html'))) {
    return false;
  }
  await fastify.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (response, path) => {
      void response.header('cache-control', HASHED.test(path) ? IMMUTABLE : 'no-cache');
    },
  });
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (API_PATHS.test(request.url)) {
      const { body } = toErrorResponse(new DomainError('ROUTE_NOT_FOUND', `No route for GET ${request.url.split('?')[0]}`), request.id);
      return reply.status(404).send(body);
    }
    return reply.sendFile('index.html');
  });
  return true;
}
