import { Client, type Transport } from '@modelcontextprotocol/client';

import type { StoredCatalog } from '@mcp-fleet/api/runtime/data-access';

const CLIENT_INFO = { name: 'mcp-fleet', version: '0.1.0' };

export type CatalogChange = { kind: 'tools' | 'resources' | 'prompts'; items: Record<string, unknown>[] };

/**
 * An MCP client session with one server. `auto` negotiation speaks the stateless 2026-07-28
 * protocol (`server/discover`) when the server does, and falls back to `initialize` for
 * 2025-11-25 and older.
 */
export class McpSession {
  readonly client: Client;

  constructor(onCatalogChange: (change: CatalogChange) => void, onError: (error: Error) => void) {
    const handler = (kind: CatalogChange['kind']) => ({
      onChanged: (error: Error | null, items: unknown[] | null) => {
        if (error) {
          onError(error);
        } else if (items) {
          onCatalogChange({ kind, items: items as Record<string, unknown>[] });
        }
      },
    });
    this.client = new Client(CLIENT_INFO, {
      versionNegotiation: { mode: 'auto' },
      listChanged: { tools: handler('tools'), resources: handler('resources'), prompts: handler('prompts') },
    });
    this.client.onerror = onError;
  }

  async connect(transport: Transport, timeoutMs: number): Promise<void> {
    await this.client.connect(transport, { timeout: timeoutMs });
  }

  /** What the server said about itself, and its tools, resources and prompts (those it offers). */
  async catalog(serverId: string, timeoutMs: number): Promise<Omit<StoredCatalog, 'refreshedAt'>> {
    const capabilities = (this.client.getServerCapabilities() ?? {}) as Record<string, unknown>;
    const options = { timeout: timeoutMs };
    const [tools, resources, prompts] = await Promise.all([
      capabilities['tools'] ? this.client.listTools(undefined, options).then((r) => r.tools) : [],
      capabilities['resources'] ? this.client.listResources(undefined, options).then((r) => r.resources) : [],
      capabilities['prompts'] ? this.client.listPrompts(undefined, options).then((r) => r.prompts) : [],
    ]);
    return {
      serverId,
      protocolVersion: this.client.getNegotiatedProtocolVersion() ?? null,
      serverInfo: { ...(this.client.getServerVersion() ?? {}) },
      capabilities,
      tools: tools as unknown as Record<string, unknown>[],
      resources: resources as unknown as Record<string, unknown>[],
      prompts: prompts as unknown as Record<string, unknown>[],
    };
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}
