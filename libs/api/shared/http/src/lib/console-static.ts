import { existsSync } from 'node:fs';
import { join } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DomainError, toErrorResponse } from '@mcp-fleet/api/shared/errors';

const API_PATHS = /^\/(api|health|ready|metrics)(\/|$|\?)/;

/**
 * Serves the built console from the API's own port: hashed assets are cached for a
 * year, every other non-API GET gets index.html so deep links work.
 * Returns false when no console build is present.
 */
export async function serveConsole(app: NestFastifyApplication, consoleDir: string): Promise<boolean> {
  if (!existsSync(join(consoleDir, 'index.html'))) {
    return false;
  }
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders: (response, path) => {
      const hashed = /-[A-Z0-9]{8,}\.(js|css)$/i.test(path);
      void response.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (API_PATHS.test(request.url)) {
      const { body } = toErrorResponse(new DomainError('ROUTE_NOT_FOUND', `No route for GET ${request.url.split('?')[0]}`), request.id);
      return reply.status(404).send(body);
    }
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return true;
}
