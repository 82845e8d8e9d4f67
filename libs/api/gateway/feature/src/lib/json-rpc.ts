/** JSON-RPC 2.0 as MCP uses it: what a message is, and the answers the gateway builds. */

export type RpcId = string | number;

export interface RpcRequest {
  jsonrpc: '2.0';
  id: RpcId;
  method: string;
  params?: Record<string, unknown>;
}

export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId; result: Record<string, unknown> }
  | { jsonrpc: '2.0'; id: RpcId | null; error: { code: number; message: string; data?: unknown } };

export const RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** MCP: a resource that does not exist. */
  resourceNotFound: -32002,
} as const;

/** A message a client sent, sorted: a request (has an id), a notification, or a response to us. */
export type Classified =
  | { kind: 'request'; message: RpcRequest }
  | { kind: 'notification'; message: RpcNotification }
  | { kind: 'response' }
  | { kind: 'invalid'; id: RpcId | null; reason: string };

export function classify(value: unknown): Classified {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', id: null, reason: 'A JSON-RPC message is an object' };
  }
  const message = value as Record<string, unknown>;
  const id = message['id'];
  const validId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (message['jsonrpc'] !== '2.0') {
    return { kind: 'invalid', id: validId ? id : null, reason: 'jsonrpc must be "2.0"' };
  }
  const params = message['params'];
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    return { kind: 'invalid', id: validId ? id : null, reason: 'params must be an object' };
  }
  if (typeof message['method'] !== 'string') {
    return 'result' in message || 'error' in message ? { kind: 'response' } : { kind: 'invalid', id: null, reason: 'method is missing' };
  }
  if (id === undefined) {
    return { kind: 'notification', message: message as unknown as RpcNotification };
  }
  if (!validId) {
    return { kind: 'invalid', id: null, reason: 'id must be a string or a number' };
  }
  return { kind: 'request', message: message as unknown as RpcRequest };
}

export function rpcResult(id: RpcId, result: Record<string, unknown>): RpcResponse {
  return { jsonrpc: '2.0', id, result };
}

export function rpcError(id: RpcId | null, code: number, message: string, data?: unknown): RpcResponse {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}

/** An MCP error the gateway answers with (not a transport failure). */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcFailure';
  }
}
