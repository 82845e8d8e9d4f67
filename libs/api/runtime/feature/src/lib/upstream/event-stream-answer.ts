import type { FastifyReply, FastifyRequest } from 'fastify';

/** Whether the caller asked for the answer as server-sent events (`Accept: text/event-stream`). */
export function wantsEventStream(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * An answer streamed as server-sent events: `progress` events while the server reports
 * progress, then exactly one `result` (the JSON answer) or `error` (the error body, as JSON
 * errors are). The status is 200 once the stream has begun; the outcome is in the last event.
 */
export class EventStreamAnswer {
  private ended = false;

  constructor(private readonly reply: FastifyReply) {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-correlation-id': String(reply.request.id),
    });
  }

  send(event: 'progress', data: unknown): void {
    if (!this.ended && !this.reply.raw.destroyed) {
      this.reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  }

  end(event: 'result' | 'error', data: unknown): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    if (!this.reply.raw.destroyed) {
      this.reply.raw.end(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  }
}
