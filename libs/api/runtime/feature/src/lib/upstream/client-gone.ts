import type { ServerResponse } from 'node:http';

/**
 * A signal that aborts when the HTTP client goes away before its answer was sent (the
 * connection closed), so the request upstream is cancelled (`notifications/cancelled`) instead of
 * left to run. As the gateway does it; a request forwarded to the owner is cancelled there too
 * (the forward is aborted, and the owner's own signal of this kind fires).
 */
export function clientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) {
      controller.abort();
    }
  });
  return controller.signal;
}
