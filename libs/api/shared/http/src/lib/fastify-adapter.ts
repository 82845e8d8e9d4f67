import type { IncomingMessage } from 'node:http';

import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';

import type { AppConfig } from '@mcp-fleet/api/shared/config';
import { toErrorResponse, validationFailed } from '@mcp-fleet/api/shared/errors';
import { CORRELATION_ID_HEADER } from '@mcp-fleet/shared/contracts';

import { correlationIdFrom } from './correlation-id';

/** Fastify with our body limit, proxy trust and correlation ids as request ids. */
export function createFastifyAdapter(config: AppConfig, logger: Logger): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: logger,
    // One line per request comes from our own onResponse hook instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdFrom(request.headers[CORRELATION_ID_HEADER]),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors Fastify raises before routing (a URL that is not valid UTF-8 once decoded) get
    // the same error shape and correlation id as everything else.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const { body } = toErrorResponse(
        validationFailed([
          {
            field: 'url',
            messages: [`${error.code}: the URL must be valid percent-encoded UTF-8`],
          },
        ]),
        request.id,
      );
      void reply.status(body.statusCode).header(CORRELATION_ID_HEADER, request.id).send(body);
    },
  });
}
