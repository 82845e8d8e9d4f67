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
    if (unexpected) {
      this.logger.error(
        { err: error, correlationId: request.id, method: request.method, url: request.url },
        'Unhandled error while serving a request',
      );
    }
    if (error instanceof DomainError && error.headers) {
      void reply.headers(error.headers);
    }
    if (body.statusCode === 401) {
      void reply.header('www-authenticate', 'Bearer');
    }
    void reply.status(body.statusCode).send(body);
  }
}
