import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DomainError } from './domain-error';
import { toErrorResponse } from './error-response';

/** The one place where errors become HTTP responses. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('GlobalExceptionFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { body, unexpected } = toErrorResponse(error, request.id);
    if (reply.sent || reply.raw.headersSent) {
      return; // a streamed answer carried the error in its last event
    }
    if (unexpected) {
      this.logger.error(
        { err: loggable(error), correlationId: request.id, method: request.method, url: request.url },
        'Unhandled error while serving a request',
      );
    }
    if (error instanceof DomainError && error.headers) {
      void reply.headers(error.headers);
    }
    if (body.statusCode === 401) {
      void reply.header('www-authenticate', 'Bearer');
    }
    if (body.statusCode === 503 && !reply.hasHeader('retry-after')) {
      this.logger.warn(
        { correlationId: request.id, method: request.method, url: request.url },
        'Answered 503: a dependency is unavailable',
      );
      void reply.header('retry-after', '5');
    }
    void reply.status(body.statusCode).send(body);
  }
}

/** Database errors carry the failed query's parameters (hashes, secrets): log everything but those. */
function loggable(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('parameters' in error)) {
    return error;
  }
  const { name, message, stack, code, constraint, table } = error as Record<string, unknown>;
  return { name, message, stack, code, constraint, table };
}
