import { DomainError } from '@mcp-fleet/api/shared/errors';

/** JSON-RPC codes a server answers for a request it refuses. */
const INVALID_PARAMS = -32602;
/** Resource not found in SDKs before 2026 (the spec asks clients to still accept it). */
const RESOURCE_NOT_FOUND = -32002;

interface RpcRefusal {
  serverId: unknown;
  rpcCode: number;
  rpcData: unknown;
  message: string;
}

/** The server's JSON-RPC error inside an MCP_REQUEST_FAILED from McpUpstream, if that is what it is. */
function rpcRefusal(error: unknown): RpcRefusal | undefined {
  if (!(error instanceof DomainError) || error.code !== 'MCP_REQUEST_FAILED') {
    return undefined;
  }
  const details = (error.details ?? {}) as Record<string, unknown>;
  const rpcCode = details['rpcCode'];
  return typeof rpcCode === 'number'
    ? { serverId: details['serverId'], rpcCode, rpcData: details['rpcData'], message: error.message }
    : undefined;
}

/**
 * A failed `resources/read`. The server has nothing at that URI when it answers -32002 (older
 * SDKs) or -32602: resources/read has no parameter but the URI, the 2026-07-28 spec makes -32602
 * the code of a miss, and SDK v1 servers (server-everything among them) answer a miss with a bare
 * -32602. Anything else stays what McpUpstream made of it (MCP_REQUEST_FAILED, 502).
 */
export function resourceReadFailure(error: unknown, uri: string): unknown {
  const refusal = rpcRefusal(error);
  if (refusal && (refusal.rpcCode === RESOURCE_NOT_FOUND || refusal.rpcCode === INVALID_PARAMS)) {
    return new DomainError('RESOURCE_NOT_FOUND', refusal.message, { serverId: refusal.serverId, uri, rpcCode: refusal.rpcCode });
  }
  return error;
}

/**
 * A failed `prompts/get`. A server answers -32602 both for a prompt it does not have and for
 * arguments it refuses, with nothing in the answer to tell the two apart; the catalog does:
 * a prompt the server did not list is PROMPT_NOT_FOUND (404), a listed one refused its arguments
 * (MCP_INVALID_PARAMS, 400, with the server's message).
 */
export function promptGetFailure(error: unknown, name: string, listed: boolean): unknown {
  const refusal = rpcRefusal(error);
  if (refusal?.rpcCode !== INVALID_PARAMS) {
    return error;
  }
  const details = { serverId: refusal.serverId, prompt: name, rpcCode: refusal.rpcCode };
  return listed
    ? new DomainError('MCP_INVALID_PARAMS', refusal.message, details)
    : new DomainError('PROMPT_NOT_FOUND', refusal.message, details);
}

/** A failed `completion/complete`: -32602 (an unknown prompt or template, a wrong argument) is the caller's to fix. */
export function completionFailure(error: unknown): unknown {
  const refusal = rpcRefusal(error);
  if (refusal?.rpcCode !== INVALID_PARAMS) {
    return error;
  }
  return new DomainError('MCP_INVALID_PARAMS', refusal.message, { serverId: refusal.serverId, rpcCode: refusal.rpcCode });
}

/**
 * A tool call sent again with the caller's input (`inputResponses`, `requestState`) that the
 * server refuses as invalid params (-32602: an unknown or expired requestState, a malformed
 * response) is the caller's to fix, not a failure of the server.
 */
export function toolInputFailure(error: unknown, withInput: boolean): unknown {
  const refusal = rpcRefusal(error);
  if (withInput && refusal?.rpcCode === INVALID_PARAMS) {
    return new DomainError('VALIDATION_FAILED', refusal.message, [
      { field: 'requestState', messages: [`the server refused the input: ${refusal.message}`] },
    ]);
  }
  return error;
}
