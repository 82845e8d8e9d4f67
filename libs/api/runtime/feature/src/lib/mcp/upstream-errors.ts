import type { StandardSchemaV1 } from '@modelcontextprotocol/client';

/** Takes a result as the server sent it: a front door passes it on unchanged. */
export const PASSTHROUGH: StandardSchemaV1<Record<string, unknown>> = {
  '~standard': { version: 1, vendor: 'mcp-fleet', validate: (value) => ({ value: value as Record<string, unknown> }) },
};

/** The server answered with a JSON-RPC error (its text redacted). */
export class UpstreamRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'UpstreamRpcError';
  }
}

/** The server did not answer in time. */
export class UpstreamTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** The caller went away or cancelled: the request was cancelled upstream (`notifications/cancelled`). */
export class UpstreamCancelledError extends Error {
  constructor() {
    super('Cancelled by the client');
    this.name = 'UpstreamCancelledError';
  }
}
