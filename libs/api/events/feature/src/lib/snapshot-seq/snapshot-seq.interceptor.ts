import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

import { EventTail } from '@mcp-fleet/api/events/data-access';
import { EVENT_SEQ_HEADER } from '@mcp-fleet/shared/contracts';

/**
 * Every REST read says the last event this replica had sent to its sockets when it began
 * (`EVENT_SEQ_HEADER`): whatever it returns includes every event up to that seq. A page joins
 * such a snapshot to the live feed without reading it twice (the console's `missedEvents`).
 */
@Injectable()
export class SnapshotSeqInterceptor implements NestInterceptor {
  constructor(private readonly tail: EventTail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const http = context.switchToHttp();
      if (http.getRequest<FastifyRequest>().method === 'GET') {
        // Read before the handler runs: the read cannot miss an event up to it.
        void http.getResponse<FastifyReply>().header(EVENT_SEQ_HEADER, String(this.tail.seq));
      }
    }
    return next.handle();
  }
}
