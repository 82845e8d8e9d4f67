/** One MCP request to send to a running server, as a client sent it (the envelope stripped). */
export interface UpstreamRequest {
  method: string;
  params?: Record<string, unknown>;
}

export interface UpstreamProgress {
  progress: number;
  total?: number;
  message?: string;
}

export interface UpstreamOptions {
  /** Aborts the request upstream (`notifications/cancelled`) when the caller goes away. */
  signal?: AbortSignal;
  /** Progress the server reports, when the caller asked for it (only where the server runs on this replica). */
  onProgress?: (progress: UpstreamProgress) => void;
}

/**
 * The way from a front door (the MCP gateway) to a running server, wherever it runs: on this
 * replica, or forwarded to its owner. The runtime provides it; the answer is the server's own
 * result, its secrets masked. A JSON-RPC error the server answered comes back as a DomainError
 * `MCP_REQUEST_FAILED` whose details carry `rpcCode` (and `rpcData`), so it can be passed on as is.
 */
export abstract class McpUpstream {
  abstract request(serverId: string, request: UpstreamRequest, options?: UpstreamOptions): Promise<Record<string, unknown>>;
}
