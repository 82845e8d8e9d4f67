import type { FastifyReply } from 'fastify';

import type { UpstreamProgress } from '@mcp-fleet/api/runtime/data-access';
import { DomainError, toErrorResponse } from '@mcp-fleet/api/shared/errors';

/**
 * A forwarded operation whose caller asked for progress is answered as NDJSON: a
 * `{ "progress": … }` line per progress report, then one `{ "result": … }` or `{ "error": … }`
 * line (the error body as the API answers it, with `retryAfter` when there is one).
 */
export const FORWARD_STREAM_TYPE = 'application/x-ndjson';

/** The owner's side: writes the lines as they come. */
export class ForwardStreamAnswer {
  constructor(private readonly reply: FastifyReply) {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': FORWARD_STREAM_TYPE, 'cache-control': 'no-cache' });
  }

  progress(progress: UpstreamProgress): void {
    this.line({ progress });
  }

  result(result: unknown): void {
    this.line({ result }, true);
  }

  error(error: unknown): void {
    const retryAfter = error instanceof DomainError ? error.headers?.['retry-after'] : undefined;
    this.line({ error: { ...toErrorResponse(error, String(this.reply.request.id)).body, retryAfter } }, true);
  }

  private line(value: unknown, last = false): void {
    if (this.reply.raw.destroyed || this.reply.raw.writableEnded) {
      return;
    }
    const text = `${JSON.stringify(value)}\n`;
    if (last) {
      this.reply.raw.end(text);
    } else {
      this.reply.raw.write(text);
    }
  }
}

/**
 * The sender's side: reads the lines as they arrive, hands progress on, and resolves with the
 * last line (`{ result }` or `{ error }`); undefined when the stream ended without one.
 */
export async function readForwardStream(
  response: Response,
  onProgress: ((progress: UpstreamProgress) => void) | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (!response.body) {
    return undefined;
  }
  const decoder = new TextDecoder();
  let buffered = '';
  let last: Record<string, unknown> | undefined;
  const take = (line: string) => {
    if (!line.trim()) {
      return;
    }
    const value = JSON.parse(line) as Record<string, unknown>;
    if ('progress' in value) {
      onProgress?.(value['progress'] as UpstreamProgress);
    } else {
      last = value;
    }
  };
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffered += decoder.decode(chunk.value, { stream: true });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      take(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  }
  take(buffered);
  return last;
}
