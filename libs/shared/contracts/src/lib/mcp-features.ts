/**
 * What a running server offers beyond tools, through the API: resource templates, resource
 * reads, prompt gets, argument completion and the server's own MCP log messages.
 */

/** One entry of `GET /api/mcp/servers/:id/resource-templates` (as the server listed it). */
export interface CatalogResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  [key: string]: unknown;
}

/** Bounds of a resource read: longer URIs are refused, larger contents answer RESOURCE_TOO_LARGE. */
export const RESOURCE_READ_LIMITS = { uriMaxLength: 2048, maxBytes: 5 * 1024 * 1024 } as const;

/** One content of a read resource: `text`, or `blob` (base64) for binary contents. */
export interface ResourceContentItem {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string;
  /** Bytes of the text (UTF-8) or of the decoded blob. */
  size: number;
}

/** `GET /api/mcp/servers/:id/resources/read?uri=`. */
export interface ReadResourceResponse {
  serverId: string;
  uri: string;
  contents: ResourceContentItem[];
  durationMs: number;
}

/** `POST /api/mcp/servers/:id/prompts/:name/get`. Prompt arguments are strings in MCP. */
export interface GetPromptRequest {
  arguments?: Record<string, string>;
}

export interface PromptMessage {
  role: 'user' | 'assistant';
  content: Record<string, unknown>;
}

export interface GetPromptResponse {
  /** The MCP prompt result as the server returned it (`description`, `messages`). */
  result: { description?: string; messages: PromptMessage[]; [key: string]: unknown };
  durationMs: number;
}

export type CompletionRef = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

/** `POST /api/mcp/servers/:id/complete`: values for one argument of a prompt or a resource template. */
export interface CompleteRequest {
  ref: CompletionRef;
  argument: { name: string; value: string };
  /** Arguments already chosen, for completions that depend on them. */
  context?: { arguments?: Record<string, string> };
}

export interface CompleteResponse {
  completion: { values: string[]; total?: number; hasMore?: boolean };
  durationMs: number;
}

/** Where a log line of a server came from. `stdout`: text that is not MCP, kept as a warning. */
export const LOG_STREAMS = ['stderr', 'stdout', 'mcp'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];

/** The levels of MCP logging (`notifications/message`), RFC 5424 order, least severe first. */
export const MCP_LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type McpLogLevel = (typeof MCP_LOG_LEVELS)[number];

/** Resource subscriptions: kept per server, renewed at every start, at most this many. */
export const RESOURCE_SUBSCRIPTION_LIMITS = { maxPerServer: 100 } as const;

/** `POST /api/mcp/servers/:id/resources/subscriptions`. */
export interface SubscribeResourceRequest {
  uri: string;
}

export interface ResourceSubscription {
  uri: string;
  createdAt: string;
}

/** `GET /api/mcp/servers/:id/resources/subscriptions`. */
export interface ResourceSubscriptionList {
  serverId: string;
  /** Whether the server announced `resources.subscribe` on its last start. */
  supported: boolean;
  items: ResourceSubscription[];
}
