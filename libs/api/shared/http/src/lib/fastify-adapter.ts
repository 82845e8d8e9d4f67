import type { IncomingMessage } from 'node:http';

import { FastifyAdapter } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';

import type { AppConfig } from '@mcp-fleet/api/shared/config';
import { CORRELATION_ID_HEADER } from '@mcp-fleet/shared/contracts';

import { boundConnectionDrain } from './connection-drain';
import { correlationIdFrom } from './correlation-id';
import { answerClientError, answerRoutingError } from './pre-routing-errors';

/** Fastify with our body limit, proxy trust, correlation ids as request ids, and a bounded close. */
export function createFastifyAdapter(config: AppConfig, logger: Logger): FastifyAdapter {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request comes from our own onResponse hook instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => correlationIdFrom(request.headers[CORRELATION_ID_HEADER]),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: answerRoutingError,
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('preClose', (done) => {
    boundConnectionDrain(fastify.server, logger);
    done();
  });
  return adapter;
}
