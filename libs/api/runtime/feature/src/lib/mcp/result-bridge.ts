import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

/**
 * Where a 2026 task handle rides through the SDK, whose codec refuses `resultType: 'task'`:
 * the handle becomes a complete (error-flagged, so no output-schema check) result carrying it.
 */
const HANDLE_KEY = 'dev.mcp-fleet/taskHandle';

/**
 * Lets through the SDK what its 2026-07-28 codec would refuse: a task handle (see HANDLE_KEY), and
 * a result without `resultType`, taken as complete (SEP-2322: a client takes an absent
 * resultType as "complete"; the SDK refuses it from a 2026 server). Installed once the client is
 * connected; the 2025 codec strips `resultType`, so legacy results pass unchanged.
 */
export function carryExtendedResults(transport: Transport): void {
  const deliver = transport.onmessage;
  if (!deliver) {
    return;
  }
  transport.onmessage = (message, extra) => deliver(carried(message), extra);
}

function carried(message: JSONRPCMessage): JSONRPCMessage {
  const result = 'result' in message ? (message.result as Record<string, unknown> | null) : undefined;
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    return message;
  }
  if (result['resultType'] === undefined) {
    return { ...message, result: { ...result, resultType: 'complete' } };
  }
  if (result['resultType'] !== 'task' || typeof result['taskId'] !== 'string') {
    return message;
  }
  return { ...message, result: { resultType: 'complete', content: [], isError: true, _meta: { [HANDLE_KEY]: result } } };
}

/** The task handle a 2026 server gave instead of a result, if it did. */
export function taskHandleOf(result: Record<string, unknown>): Record<string, unknown> | undefined {
  const meta = result['_meta'] as Record<string, unknown> | undefined;
  const handle = meta?.[HANDLE_KEY];
  return handle !== null && typeof handle === 'object' ? (handle as Record<string, unknown>) : undefined;
}
