import { Injectable } from '@nestjs/common';

import { auditEntry, EventStore } from '@mcp-fleet/api/events/data-access';
import { type DirectoryEntry, FleetDirectory, McpUpstream, type UpstreamProgress } from '@mcp-fleet/api/runtime/data-access';
import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { DomainError, HTTP_STATUS_BY_CODE } from '@mcp-fleet/api/shared/errors';
import { type Principal, principalMayUse } from '@mcp-fleet/shared/contracts';

import { enabledTools, type Endpoint, FleetView, page, visible } from './fleet-view';
import { gatewayDuration, gatewayRequests } from './gateway-metrics';
import { GatewayTally } from './gateway-tally';
import { RPC, RpcFailure, type RpcRequest } from './json-rpc';
import { GATEWAY_INFO } from './protocol';

/** Everything about one request that is not in its message. */
export interface RequestContext {
  principal: Principal;
  endpoint: Endpoint;
  era: 'legacy' | 'modern';
  call: CallContext;
  signal: AbortSignal;
  /** Set when the client asked for progress (a progressToken) and takes a stream. */
  onProgress?: (progress: UpstreamProgress) => void;
}

type Result = Record<string, unknown>;

/** Request `_meta` keys that describe the client's envelope to the gateway; the runtime adds its own upstream. */
const ENVELOPE_KEYS = /^io\.modelcontextprotocol\//;
/** Calls whose each use is audited (lists and pings are counted, not audited). */
const AUDITED: ReadonlySet<string> = new Set(['tools/call', 'resources/read', 'prompts/get', 'completion/complete']);

/**
 * The gateway's answers: the fleet endpoint aggregates the servers a caller may use and routes
 * each call back to its server; a server's endpoint passes requests through. Every request is
 * counted (`mcp_gateway_requests_total`) and every call audited, in batches (nothing waits for
 * the audit row). Reads memory only (the fleet directory); the way to a server is McpUpstream.
 */
@Injectable()
export class GatewayDispatcher {
  /** Resource templates as last listed, by server: how the fleet endpoint routes a read of a templated URI. */
  private readonly templates = new Map<string, string[]>();
  readonly tally = new GatewayTally();

  constructor(
    private readonly directory: FleetDirectory,
    private readonly upstream: McpUpstream,
    private readonly store: EventStore,
  ) {}

  async dispatch(message: RpcRequest, context: RequestContext): Promise<Result> {
    const begun = performance.now();
    let serverName = '-';
    let outcome = 'ok';
    try {
      const answer = await this.answer(message, context, (entry) => (serverName = entry.server.name));
      return answer;
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      const seconds = (performance.now() - begun) / 1000;
      gatewayRequests.inc({ server_name: serverName, method: message.method, outcome });
      gatewayDuration.observe({ method: message.method }, seconds);
      this.tally.record(serverName, outcome !== 'ok', seconds * 1000);
      if (AUDITED.has(message.method)) {
        this.audit(message, context, serverName, outcome, Math.round(seconds * 1000));
      }
    }
  }

  /** What a client learns at `initialize` or `server/discover`. */
  capabilities(endpoint: Endpoint, principal: Principal): Result {
    if (endpoint.kind === 'fleet') {
      return {
        tools: { listChanged: true },
        resources: { listChanged: true },
        prompts: { listChanged: true },
        completions: {},
      };
    }
    const entry = this.serverEntry(endpoint.name, principal);
    const own = { ...(entry.catalog?.capabilities ?? {}) } as Record<string, unknown>;
    // Switches change the tool list: a client may always hear of it.
    own['tools'] = { ...(own['tools'] ?? {}), listChanged: true };
    // Not relayed yet: resource update notifications and MCP log messages (see docs/gateway.md).
    if (own['resources'] && typeof own['resources'] === 'object') {
      own['resources'] = { ...(own['resources'] as Record<string, unknown>), subscribe: undefined };
    }
    delete own['logging'];
    return JSON.parse(JSON.stringify(own)) as Result;
  }

  serverInfo(endpoint: Endpoint, principal: Principal): Result {
    if (endpoint.kind === 'fleet') {
      return { ...GATEWAY_INFO };
    }
    const entry = this.serverEntry(endpoint.name, principal);
    const info = entry.catalog?.serverInfo ?? {};
    const version = info['version'];
    return {
      name: typeof info['name'] === 'string' ? info['name'] : entry.server.name,
      version: typeof version === 'string' || typeof version === 'number' ? String(version) : '0.0.0',
    };
  }

  /** A server's endpoint: the server, when it exists and the principal may use it (else 404). */
  serverEntry(name: string, principal: Principal): DirectoryEntry {
    const entry = this.directory.byName(name);
    if (!entry || !principalMayUse(principal, entry.server.id)) {
      throw new DomainError('SERVER_NOT_FOUND', `No server named ${name}`, { name });
    }
    return entry;
  }

  /** The fleet endpoint's servers for this principal, now. */
  fleet(principal: Principal): FleetView {
    return new FleetView([...this.directory.all()].filter((entry) => visible(entry, principal)));
  }

  private async answer(message: RpcRequest, context: RequestContext, serving: (entry: DirectoryEntry) => void): Promise<Result> {
    const params = message.params ?? {};
    switch (message.method) {
      case 'ping':
        return {};
      case 'logging/setLevel':
        if (context.endpoint.kind === 'fleet') {
          return {};
        }
        break;
      case 'initialize':
      case 'server/discover':
        throw new RpcFailure(RPC.invalidRequest, `${message.method} is answered by the transport`);
    }
    if (context.endpoint.kind === 'server') {
      const entry = this.serverEntry(context.endpoint.name, context.principal);
      serving(entry);
      return this.toServer(entry, message.method, params, context);
    }
    const view = this.fleet(context.principal);
    switch (message.method) {
      case 'tools/list': {
        const { items, nextCursor } = page(view.tools(), params['cursor']);
        return nextCursor ? { tools: items, nextCursor } : { tools: items };
      }
      case 'prompts/list': {
        const { items, nextCursor } = page(view.prompts(), params['cursor']);
        return nextCursor ? { prompts: items, nextCursor } : { prompts: items };
      }
      case 'resources/list': {
        const { items, nextCursor } = page(view.resources(), params['cursor']);
        return nextCursor ? { resources: items, nextCursor } : { resources: items };
      }
      case 'resources/templates/list': {
        const { items, nextCursor } = page(await this.allTemplates(view, context), params['cursor']);
        return nextCursor ? { resourceTemplates: items, nextCursor } : { resourceTemplates: items };
      }
      case 'tools/call': {
        const { entry, name } = view.route(params['name'], 'tool');
        serving(entry);
        return this.toServer(entry, 'tools/call', { ...params, name }, context);
      }
      case 'prompts/get': {
        const { entry, name } = view.route(params['name'], 'prompt');
        serving(entry);
        return this.toServer(entry, 'prompts/get', { ...params, name }, context);
      }
      case 'resources/read':
      case 'resources/subscribe':
      case 'resources/unsubscribe': {
        if (message.method !== 'resources/read') {
          throw new RpcFailure(RPC.methodNotFound, `${message.method} is not offered by the fleet endpoint yet`);
        }
        if (this.templates.size === 0) {
          await this.allTemplates(view, context);
        }
        const { entry, uri } = view.routeUri(params['uri'], this.templates);
        serving(entry);
        return this.toServer(entry, message.method, { ...params, uri }, context);
      }
      case 'completion/complete': {
        const ref = (params['ref'] ?? {}) as Record<string, unknown>;
        if (ref['type'] === 'ref/prompt') {
          const { entry, name } = view.route(ref['name'], 'prompt');
          serving(entry);
          return this.toServer(entry, 'completion/complete', { ...params, ref: { ...ref, name } }, context);
        }
        const { entry, uri } = view.routeUri(ref['uri'], this.templates);
        serving(entry);
        return this.toServer(entry, 'completion/complete', { ...params, ref: { ...ref, uri } }, context);
      }
      default:
        throw new RpcFailure(RPC.methodNotFound, `Method not found: ${message.method}`);
    }
  }

  /** Resource templates of every server that offers resources, asked now (and kept for routing reads). */
  private async allTemplates(view: FleetView, context: RequestContext): Promise<Result[]> {
    const lists = await Promise.all(
      view.entries
        .filter((entry) => entry.catalog?.capabilities['resources'])
        .map(async (entry) => {
          try {
            const result = await this.upstream.request(
              entry.server.id,
              { method: 'resources/templates/list', params: {} },
              { signal: context.signal },
            );
            const templates = Array.isArray(result['resourceTemplates']) ? (result['resourceTemplates'] as Result[]) : [];
            this.templates.set(
              entry.server.id,
              templates.map((template) => String(template['uriTemplate'])),
            );
            return templates;
          } catch {
            // A server that cannot list its templates contributes none; the others still answer.
            return [];
          }
        }),
    );
    return lists.flat();
  }

  /** A request for one server: the client's envelope taken off, the answer as the server gave it (switched-off tools hidden). */
  private async toServer(entry: DirectoryEntry, method: string, params: Result, context: RequestContext): Promise<Result> {
    if (entry.server.state !== 'running' && LISTS.has(method)) {
      // A server's endpoint while the server is not running: nothing to list.
      return { [LISTS.get(method) as string]: [] };
    }
    const request = { method, params: upstreamParams(params) };
    let result: Result;
    try {
      result = await this.upstream.request(entry.server.id, request, { signal: context.signal, onProgress: context.onProgress });
    } catch (error) {
      throw rpcFailureOf(error);
    }
    if (method === 'tools/list' && Array.isArray(result['tools'])) {
      return { ...result, tools: enabledTools(entry, result['tools'] as Result[]) };
    }
    return result;
  }

  private audit(message: RpcRequest, context: RequestContext, serverName: string, outcome: string, durationMs: number): void {
    const params = message.params ?? {};
    const target = typeof params['name'] === 'string' ? params['name'] : typeof params['uri'] === 'string' ? params['uri'] : null;
    const entry = serverName === '-' ? undefined : this.directory.byName(serverName);
    this.store.recordAudit({
      ...auditEntry(
        context.call,
        `mcp.${message.method.replace('/', '_')}`,
        { type: 'server', id: entry?.server.id ?? null, name: target ? `${serverName}:${target}` : serverName },
        { result: outcome === 'ok' ? 'success' : 'failure', statusCode: null, errorCode: outcome === 'ok' ? null : 'MCP_ERROR' },
      ),
      durationMs,
    });
  }
}

/** Refusals that mean the client named something that is not there (or not open to it). */
const INVALID_PARAMS_CODES: ReadonlySet<string> = new Set(['TOOL_NOT_FOUND', 'TOOL_DISABLED', 'SERVER_NOT_FOUND']);

const LISTS = new Map([
  ['tools/list', 'tools'],
  ['prompts/list', 'prompts'],
  ['resources/list', 'resources'],
  ['resources/templates/list', 'resourceTemplates'],
]);

/** The client's params without its envelope: the progress token (the runtime asks for progress itself) and era keys. */
export function upstreamParams(params: Result): Result {
  const meta = params['_meta'];
  if (!meta || typeof meta !== 'object') {
    return params;
  }
  const kept = Object.fromEntries(Object.entries(meta as Result).filter(([key]) => key !== 'progressToken' && !ENVELOPE_KEYS.test(key)));
  const rest = { ...params };
  delete rest['_meta'];
  return Object.keys(kept).length > 0 ? { ...rest, _meta: kept } : rest;
}

/** An error on the way to a server, as the MCP error a client should see. */
export function rpcFailureOf(error: unknown): RpcFailure {
  if (error instanceof RpcFailure) {
    return error;
  }
  if (error instanceof DomainError) {
    const details = (error.details ?? {}) as Record<string, unknown>;
    if (typeof details['rpcCode'] === 'number') {
      return new RpcFailure(details['rpcCode'], error.message, details['rpcData']);
    }
    if (INVALID_PARAMS_CODES.has(error.code)) {
      return new RpcFailure(RPC.invalidParams, error.message, { code: error.code });
    }
    if (error.code === 'MCP_REQUEST_TIMEOUT') {
      return new RpcFailure(-32001, error.message, { code: error.code });
    }
    return new RpcFailure(RPC.internalError, error.message, { code: error.code, status: HTTP_STATUS_BY_CODE[error.code] });
  }
  return new RpcFailure(RPC.internalError, 'The gateway could not complete the request');
}
