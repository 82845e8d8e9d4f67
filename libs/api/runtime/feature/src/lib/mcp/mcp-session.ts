import { Client, type Transport, type VersionNegotiationOptions } from '@modelcontextprotocol/client';

import type { StoredCatalog } from '@mcp-fleet/api/runtime/data-access';
import { MCP_LOG_LEVELS, type McpLogLevel } from '@mcp-fleet/shared/contracts';

import { carryExtendedResults } from './result-bridge';
import { TASKS_EXTENSION } from './tool-task';

const CLIENT_INFO = { name: 'mcp-fleet', version: '0.1.0' };

export type CatalogChange = { kind: 'tools' | 'resources' | 'prompts'; items: Record<string, unknown>[] };

/** One MCP log message of the server (`notifications/message`), not yet redacted. */
export interface McpLogMessage {
  level: McpLogLevel;
  logger?: string;
  data: unknown;
}

/** What a session tells its run. */
export interface SessionHooks {
  /** How the protocol era is chosen at connect (see negotiation.ts). */
  negotiation: VersionNegotiationOptions;
  onCatalogChange(change: CatalogChange): void;
  onError(error: Error): void;
  onLogMessage(message: McpLogMessage): void;
  /** A subscribed resource changed (`notifications/resources/updated`). */
  onResourceUpdated(uri: string): void;
}

/**
 * An MCP client session with one server. In `auto` negotiation it speaks the stateless
 * 2026-07-28 protocol (`server/discover`) when the server does, and falls back to `initialize`
 * for 2025-11-25 and older; a server can also be pinned to either era.
 */
export class McpSession {
  readonly client: Client;

  constructor(hooks: SessionHooks) {
    const handler = (kind: CatalogChange['kind']) => ({
      onChanged: (error: Error | null, items: unknown[] | null) => {
        if (error) {
          hooks.onError(error);
        } else if (items) {
          hooks.onCatalogChange({ kind, items: items as Record<string, unknown>[] });
        }
      },
    });
    this.client = new Client(CLIENT_INFO, {
      versionNegotiation: hooks.negotiation,
      // 2026-07-28 elicitation is relayed: an `input_required` answer goes to the caller (REST or
      // gateway client), who sends the call again with the input. Sampling and roots are not
      // offered. Tasks (the 2026 extension) are polled to their outcome (tool-task.ts).
      capabilities: { elicitation: { form: {} }, extensions: { [TASKS_EXTENSION]: {} } },
      inputRequired: { autoFulfill: false },
      listChanged: { tools: handler('tools'), resources: handler('resources'), prompts: handler('prompts') },
    });
    this.client.onerror = (error) => hooks.onError(error);
    // MCP logging (deprecated in 2026-07-28, still sent by session-era servers). No
    // logging/setLevel after connect: the server's own default level stands, so an operator sees
    // what the server chose to say, and the run log's rate limit bounds a chatty one.
    this.client.setNotificationHandler('notifications/message', (notification) => {
      const { level, logger, data } = notification.params;
      hooks.onLogMessage({ level: knownLevel(level), logger, data });
    });
    // A session-era server asks mid-call (a request to the client), which no REST caller can answer: declined.
    this.client.setRequestHandler('elicitation/create', () => ({ action: 'decline' as const }));
    this.client.setNotificationHandler('notifications/resources/updated', (notification) => {
      hooks.onResourceUpdated(notification.params.uri);
    });
  }

  async connect(transport: Transport, timeoutMs: number): Promise<void> {
    await this.client.connect(transport, { timeout: timeoutMs });
    carryExtendedResults(transport);
  }

  /** What the server said about itself, and its tools, resources and prompts (those it offers). */
  async catalog(serverId: string, timeoutMs: number): Promise<Omit<StoredCatalog, 'refreshedAt'>> {
    const capabilities = (this.client.getServerCapabilities() ?? {}) as Record<string, unknown>;
    const options = { timeout: timeoutMs };
    const [tools, resources, resourceTemplates, prompts] = await Promise.all([
      capabilities['tools'] ? this.client.listTools(undefined, options).then((r) => r.tools) : [],
      capabilities['resources'] ? this.client.listResources(undefined, options).then((r) => r.resources) : [],
      // Templates are optional for a server with resources: one that errors on the list offers none.
      capabilities['resources']
        ? this.client.listResourceTemplates(undefined, options).then(
            (r) => r.resourceTemplates,
            () => [],
          )
        : [],
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
      resourceTemplates: resourceTemplates as unknown as Record<string, unknown>[],
    };
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}

/** The SDK validated the level; anything else (a newer level) is kept as the most visible known one. */
function knownLevel(level: string): McpLogLevel {
  return (MCP_LOG_LEVELS as readonly string[]).includes(level) ? (level as McpLogLevel) : 'warning';
}
