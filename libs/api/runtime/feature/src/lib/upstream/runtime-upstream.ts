import { Injectable } from '@nestjs/common';

import {
  type DirectoryEntry,
  FleetDirectory,
  McpUpstream,
  toolVerdict,
  type UpstreamOptions,
  type UpstreamRequest,
} from '@mcp-fleet/api/runtime/data-access';
import { serverNotFound } from '@mcp-fleet/api/servers/data-access';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import type { ServerState } from '@mcp-fleet/shared/contracts';

import { describe } from '../domain/runtime-failure';
import { DriftControl } from '../drift/drift-control';
import { UpstreamCancelledError, UpstreamRpcError, UpstreamTimeoutError } from '../mcp/upstream-errors';
import { OwnerRouter } from '../ownership/owner-router';
import { ownerUnavailable } from '../ownership/owner-unavailable';
import type { ServerRun } from '../run/server-run';
import { Supervisor } from '../supervisor/supervisor.service';

/** States a server wanted running passes through while it moves to another replica. */
const MOVING: ReadonlySet<ServerState> = new Set(['stopping', 'stopped', 'starting']);

/**
 * The server's entry and run when it runs here (the run this replica holds is the truth, not the
 * directory's view of the state, which trails by an event); otherwise the error a caller should
 * see: gone, moving between replicas (retryable), or not running. Reads memory only, except for
 * a server the directory has not heard of yet.
 */
export async function runnableHere(
  directory: FleetDirectory,
  supervisor: Supervisor,
  serverId: string,
): Promise<{ entry: DirectoryEntry; run: ServerRun }> {
  const entry = await directory.lookup(serverId);
  if (!entry) {
    throw serverNotFound(serverId);
  }
  const run = supervisor.startedRunOf(serverId);
  if (run && !run.isStopping) {
    return { entry, run };
  }
  // Not here, or being stopped (a stop sequence closes its session first: a request would fail
  // with "Not connected"). The answer depends on the state, which may be newer than the last
  // event heard (a server moving between replicas). A refusal is not the hot path: read it again.
  await directory.refresh(serverId);
  const fresh = directory.get(serverId);
  if (!fresh) {
    throw serverNotFound(serverId);
  }
  const { server } = fresh;
  // Its state says running while the run's start is being completed here: it answers already.
  const finishing = supervisor.runtimeOf(serverId);
  if (finishing && !finishing.isStopping && server.state === 'running') {
    return { entry: fresh, run: finishing };
  }
  if (server.desiredState === 'running' && MOVING.has(server.state)) {
    // Starting, or moving between replicas (handed over, taken over): back in seconds, so the caller may retry.
    throw ownerUnavailable(serverId, `${server.name} is ${server.state}; it is wanted running`);
  }
  throw new DomainError('SERVER_NOT_RUNNING', `${server.name} is ${server.state}; start it to call its tools`, {
    serverId,
    state: server.state,
  });
}

/** A tool call's refusal before it is sent: switched off, or not offered by the server (as of this run). */
export function refuseTool(entry: DirectoryEntry, run: ServerRun, tool: string): void {
  const catalogOfThisRun = entry.catalog !== undefined && Date.parse(entry.catalog.refreshedAt) >= run.startedAtMs;
  const verdict = toolVerdict(catalogOfThisRun ? entry : { ...entry, catalog: undefined }, tool);
  if (verdict === 'disabled') {
    throw new DomainError('TOOL_DISABLED', `${tool} on ${entry.server.name} is switched off`, { serverId: entry.server.id, tool });
  }
  if (verdict === 'unknown') {
    throw new DomainError('TOOL_NOT_FOUND', `${entry.server.name} has no tool named ${tool}`, { serverId: entry.server.id, tool });
  }
}

/** What the server answered, as a DomainError that survives forwarding between replicas. */
export function upstreamFailure(error: unknown, entry: DirectoryEntry, what: string): DomainError {
  const serverId = entry.server.id;
  if (error instanceof DomainError) {
    return error;
  }
  if (error instanceof UpstreamCancelledError) {
    return new DomainError('MCP_REQUEST_FAILED', `${what} was cancelled by the client`, { serverId, cancelled: true });
  }
  if (error instanceof UpstreamRpcError) {
    return new DomainError('MCP_REQUEST_FAILED', error.message, { serverId, rpcCode: error.code, rpcData: error.data });
  }
  if (error instanceof UpstreamTimeoutError || /timed? ?out|timeout/i.test(describe(error))) {
    return new DomainError('MCP_REQUEST_TIMEOUT', `${what} did not answer within ${entry.server.config.requestTimeoutMs} ms`, { serverId });
  }
  return new DomainError('MCP_REQUEST_FAILED', `${what} failed: ${describe(error)}`, { serverId });
}

/**
 * The gateway's way to a server: run here when this replica runs it, forwarded to the owner
 * otherwise (as a tool call through REST is); progress and cancellation reach the server either way.
 */
@Injectable()
export class RuntimeUpstream extends McpUpstream {
  constructor(
    private readonly router: OwnerRouter,
    private readonly directory: FleetDirectory,
    private readonly supervisor: Supervisor,
    private readonly drift: DriftControl,
  ) {
    super();
    router.handle('mcpRequest', (serverId, { request }, local) => this.here(serverId, request, local));
  }

  request(serverId: string, request: UpstreamRequest, options?: UpstreamOptions): Promise<Record<string, unknown>> {
    return this.router.run('mcpRequest', serverId, { request }, options);
  }

  private async here(serverId: string, request: UpstreamRequest, local: UpstreamOptions = {}): Promise<Record<string, unknown>> {
    const { entry, run } = await runnableHere(this.directory, this.supervisor, serverId);
    const tool = request.method === 'tools/call' ? request.params?.['name'] : undefined;
    if (typeof tool === 'string') {
      refuseTool(entry, run, tool);
      await this.drift.refuse(entry.server, entry.catalog, tool);
    }
    const begun = performance.now();
    try {
      const result = await run.request(request, entry.server.config.requestTimeoutMs, local);
      if (tool !== undefined) {
        this.supervisor.recordCall(serverId, Math.round(performance.now() - begun), result['isError'] === true);
      }
      return result;
    } catch (error) {
      if (tool !== undefined) {
        this.supervisor.recordCall(serverId, Math.round(performance.now() - begun), true);
      }
      throw upstreamFailure(error, entry, typeof tool === 'string' ? tool : request.method);
    }
  }
}
