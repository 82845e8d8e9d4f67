import type { ServerTransport } from '@mcp-fleet/shared/contracts';

/** A sniff is a courtesy to the operator: it never holds a failed start for long. */
const SNIFF_MS = 3000;

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 'mcp-fleet-transport-check',
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'mcp-fleet', version: '0.1.0' } },
});

/**
 * After a connect failed with an HTTP error: does the URL answer the other remote transport?
 * Legacy SSE servers answer a GET with an event stream (and refuse a POST); Streamable HTTP
 * servers answer a POSTed `initialize` with JSON or an event stream. Returns the transport the
 * URL answers, or null. A session the check opened is ended again.
 */
export async function otherTransportAnswering(
  url: URL,
  headers: Record<string, string>,
  configured: ServerTransport,
): Promise<ServerTransport | null> {
  const other: ServerTransport = configured === 'sse' ? 'streamable-http' : 'sse';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SNIFF_MS);
  try {
    if (other === 'sse') {
      const response = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: abort.signal, redirect: 'manual' });
      return response.ok && isEventStream(response) ? 'sse' : null;
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
      body: INITIALIZE,
      signal: abort.signal,
      redirect: 'manual',
    });
    const answers = response.ok && (isEventStream(response) || (response.headers.get('content-type') ?? '').includes('application/json'));
    const session = response.headers.get('mcp-session-id');
    if (session) {
      await fetch(url, { method: 'DELETE', headers: { ...headers, 'mcp-session-id': session }, signal: abort.signal }).catch(
        () => undefined,
      );
    }
    return answers ? 'streamable-http' : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    abort.abort(); // an event stream stays open otherwise
  }
}

function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
}
