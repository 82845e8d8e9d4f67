import type { Client } from '@modelcontextprotocol/client';

import type { UpstreamProgress } from '@mcp-fleet/api/runtime/data-access';

import { PASSTHROUGH, UpstreamRpcError, UpstreamTimeoutError } from './upstream-errors';

/**
 * Tool calls a server runs as tasks, in both eras:
 * - 2025-11-25 (tasks in core): a tool listed with `execution.taskSupport: required` is called
 *   with `task`; `tasks/get` until done, then `tasks/result` for the outcome.
 * - 2026-07-28 (the Tasks extension, SEP-2663): the fleet declares `io.modelcontextprotocol/tasks`
 *   in its capabilities, and a server may answer any `tools/call` with a task handle
 *   (`resultType: 'task'`); `tasks/get` until done, the result (or error) inlined.
 * The whole of it has the request's timeout. A task still working then, one that waits for
 * client input (the fleet relays none for tasks), or one whose caller went away is cancelled
 * with `tasks/cancel`. Its status messages are the caller's progress.
 */

/** The extension's identifier, declared in the fleet client's capabilities. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

const DONE = new Set(['completed', 'failed', 'cancelled']);
/** Bounds on the poll interval a server asks for. */
const MIN_POLL_MS = 200;
const MAX_POLL_MS = 5000;

export interface TaskCallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (progress: UpstreamProgress) => void;
}

/** Whether a listed tool can only be called as a task (2025-11-25 `execution.taskSupport`). */
export function requiresTask(tool: Record<string, unknown>): boolean {
  const execution = tool['execution'] as { taskSupport?: unknown } | undefined;
  return execution?.taskSupport === 'required';
}

/** A 2026 task, polled until done: its result, or its error thrown. */
export async function settleTask(
  client: Client,
  handle: Record<string, unknown>,
  options: TaskCallOptions,
): Promise<Record<string, unknown>> {
  const done = await pollUntilDone(client, handle['taskId'] as string, handle, options);
  if (done['status'] === 'completed' && done['result'] !== null && typeof done['result'] === 'object') {
    const result = { ...(done['result'] as Record<string, unknown>) };
    delete result['resultType'];
    return result;
  }
  if (done['status'] === 'failed') {
    const error = (done['error'] ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
    throw new UpstreamRpcError(
      Number(error.code) || -32603,
      typeof error.message === 'string' ? error.message : 'The task failed',
      error.data,
    );
  }
  throw new UpstreamRpcError(-32603, `The server ended the task as ${String(done['status'])}`);
}

/** A 2025-11-25 task-only tool: created with `task`, polled, then its outcome from `tasks/result`. */
export async function callToolAsTask(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options: TaskCallOptions,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + options.timeoutMs;
  const created = await client.request(
    { method: 'tools/call', params: { name, arguments: args, task: { ttl: Math.max(options.timeoutMs, 60_000) } } },
    PASSTHROUGH,
    { timeout: options.timeoutMs, signal: options.signal },
  );
  const task = created['task'] as Record<string, unknown> | undefined;
  if (typeof task?.['taskId'] !== 'string') {
    return created; // the server ran it at once: that is the result
  }
  await pollUntilDone(client, task['taskId'], task, options);
  return client.request({ method: 'tasks/result', params: { taskId: task['taskId'] } }, PASSTHROUGH, {
    timeout: Math.max(1, deadline - Date.now()),
  });
}

/** `tasks/get` at the server's interval until the task is done; the last state it gave. */
async function pollUntilDone(
  client: Client,
  taskId: string,
  first: Record<string, unknown>,
  { timeoutMs, signal, onProgress }: TaskCallOptions,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let state = first;
  let polls = 0;
  while (!DONE.has(String(state['status']))) {
    if (state['status'] === 'input_required') {
      await cancel(client, taskId);
      const why = typeof state['statusMessage'] === 'string' ? state['statusMessage'] : 'elicitation';
      throw new UpstreamRpcError(-32603, `The task needs client input (${why}), which the fleet does not relay for tasks`);
    }
    const pollMs = clamp(Number(state['pollIntervalMs'] ?? state['pollInterval']) || 1000);
    if (Date.now() + pollMs >= deadline) {
      await cancel(client, taskId);
      throw new UpstreamTimeoutError(timeoutMs);
    }
    await pause(pollMs, signal);
    if (signal?.aborted) {
      await cancel(client, taskId);
      throw signal.reason ?? new Error('Cancelled');
    }
    state = await client.request({ method: 'tasks/get', params: { taskId } }, PASSTHROUGH, {
      timeout: Math.max(1, deadline - Date.now()),
    });
    polls += 1;
    if (onProgress && typeof state['statusMessage'] === 'string') {
      onProgress({ progress: polls, message: state['statusMessage'] });
    }
  }
  return state;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

async function cancel(client: Client, taskId: string): Promise<void> {
  await client.request({ method: 'tasks/cancel', params: { taskId } }, PASSTHROUGH, { timeout: 5000 }).catch(() => undefined);
}

function clamp(ms: number): number {
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, ms));
}
