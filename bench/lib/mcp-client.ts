import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

/**
 * The SDK's stdio transport, unchanged. A subclass, because with `versionNegotiation: auto` the
 * SDK runs the `server/discover` probe on a throwaway copy of the process when the transport is
 * exactly its base class (two spawns per start), and in place for any subclass or custom
 * transport. The API probes in place (its own transport), so this keeps the spawns equal.
 */
export class InPlaceStdioTransport extends StdioClientTransport {}

const CLIENT_INFO = { name: 'mcp-fleet-bench', version: '0.1.0' };
const IGNORE_CHANGES = { onChanged: () => undefined };

/**
 * A client set up as the API's session client (libs/api/runtime/feature/src/lib/mcp/mcp-session.ts):
 * it asks for list_changed too (on the 2026-07-28 era that opens a subscriptions/listen stream
 * during connect), so both sides carry the same protocol traffic. `legacy` is the 2025 session
 * handshake (`initialize`), `auto` probes with `server/discover` first, as the API does.
 */
export function sessionClient(mode: 'auto' | 'legacy'): Client {
  const client = new Client(CLIENT_INFO, {
    versionNegotiation: { mode },
    listChanged: { tools: IGNORE_CHANGES, resources: IGNORE_CHANGES, prompts: IGNORE_CHANGES },
  });
  client.onerror = () => undefined;
  return client;
}
