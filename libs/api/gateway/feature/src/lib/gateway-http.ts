import type { ServerResponse } from 'node:http';

import { classifyInboundRequest } from '@modelcontextprotocol/server';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { type DirectoryChange, FleetDirectory } from '@mcp-fleet/api/runtime/data-access';
import { type CallContext, CredentialVerifier } from '@mcp-fleet/api/shared/authz';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { GATEWAY_PATH, GATEWAY_PERMISSIONS, type Principal, principalMayUse } from '@mcp-fleet/shared/contracts';

import type { Endpoint } from './fleet-view';
import { GatewayDispatcher, type RequestContext, rpcFailureOf } from './gateway-dispatch';
import { gatewayRequests, gatewayStreams } from './gateway-metrics';
import { GatewaySessions } from './gateway-sessions';
import { classify, RPC, rpcError, RpcFailure, type RpcId, type RpcRequest, type RpcResponse, rpcResult } from './json-rpc';
import {
  eraOf,
  GATEWAY_INFO,
  LEGACY_VERSIONS,
  MODERN_VERSION,
  negotiateLegacy,
  PROTOCOL_VERSION_META,
  SERVER_INFO_META,
  SUBSCRIPTION_ID_META,
} from './protocol';
import { publicOrigin } from './public-url';

const SESSION_HEADER = 'mcp-session-id';
/** MCP's error for a protocol revision the receiver does not speak. */
const UNSUPPORTED_PROTOCOL_VERSION = -32022;
/** MCP's error for routing headers that disagree with the body (SEP-2243). */
const HEADER_MISMATCH = -32020;
const KEEP_ALIVE_MS = 15_000;
const MAX_USER_AGENT = 512;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;

type Kind = 'tools' | 'resources' | 'prompts';

/** A server-to-client stream: a session's GET stream, or a 2026-07-28 `subscriptions/listen`. */
interface OpenStream {
  principal: Principal;
  endpoint: Endpoint;
  kinds: ReadonlySet<Kind>;
  subscriptionId?: string;
  raw: ServerResponse;
}

/**
 * The MCP gateway's HTTP face, Streamable HTTP on the API's own port: `POST/GET/DELETE /mcp` (the
 * fleet) and `/mcp/<server-name>` (one server), both protocol eras on the same URLs. Registered on
 * Fastify directly, outside Nest's pipeline, so a call pays for nothing it does not use: one
 * principal lookup (cached), one map lookup, the request to the server.
 */
@Injectable()
export class GatewayHttp implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(GatewayHttp.name);
  private readonly streams = new Set<OpenStream>();
  /** Requests under way here, by session and request id: what `notifications/cancelled` aborts. */
  private readonly inFlight = new Map<string, AbortController>();
  private stopListening: (() => void) | undefined;
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly verifier: CredentialVerifier,
    private readonly dispatcher: GatewayDispatcher,
    private readonly sessions: GatewaySessions,
    private readonly directory: FleetDirectory,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    for (const url of [GATEWAY_PATH, `${GATEWAY_PATH}/:server`]) {
      fastify.route({ method: ['POST', 'GET', 'DELETE'], url, handler: (request, reply) => this.handle(request, reply) });
    }
    for (const url of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/*']) {
      fastify.get(url, (request, reply) => reply.header('cache-control', 'public, max-age=3600').send(this.resourceMetadata(request)));
    }
    this.stopListening = this.directory.onChange((change) => this.changed(change));
    this.keepAlive = setInterval(() => this.ping(), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    clearInterval(this.keepAlive);
    for (const stream of this.streams) {
      stream.raw.end();
    }
    this.streams.clear();
  }

  /** How many server-to-client streams are open here. */
  get openStreams(): number {
    return this.streams.size;
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const server = (request.params as { server?: string }).server;
    const endpoint: Endpoint = server === undefined ? { kind: 'fleet' } : { kind: 'server', name: server };
    if (!this.originAllowed(request)) {
      return this.fail(reply, 403, null, RPC.invalidRequest, 'Forbidden: the Origin or Host of this request is not allowed');
    }
    let principal: Principal;
    try {
      principal = await this.verifier.authenticate({ headers: { authorization: request.headers.authorization } });
    } catch (error) {
      return this.unauthenticated(request, reply, error);
    }
    if (!GATEWAY_PERMISSIONS.some((permission) => principal.permissions.includes(permission))) {
      gatewayRequests.inc({ server_name: server ?? '-', method: '-', outcome: 'denied' });
      return this.fail(reply, 403, null, RPC.invalidRequest, `Forbidden: the gateway needs one of ${GATEWAY_PERMISSIONS.join(', ')}`);
    }
    await this.directory.ready();
    if (endpoint.kind === 'server') {
      try {
        this.dispatcher.serverEntry(endpoint.name, principal);
      } catch {
        return this.fail(reply, 404, null, RPC.invalidRequest, `No server named ${endpoint.name}`);
      }
    }
    if (request.method === 'GET') {
      return this.openGetStream(request, reply, principal, endpoint);
    }
    if (request.method === 'DELETE') {
      const id = header(request, SESSION_HEADER);
      if (!id || !this.sessions.verify(id, principal)) {
        return this.fail(reply, 404, null, RPC.invalidRequest, 'Session not found');
      }
      this.sessions.end(id);
      return void reply.code(204).send();
    }
    return this.post(request, reply, principal, endpoint);
  }

  private async post(request: FastifyRequest, reply: FastifyReply, principal: Principal, endpoint: Endpoint): Promise<void> {
    const contentType = header(request, 'content-type') ?? '';
    if (!/^application\/json\b/i.test(contentType)) {
      return this.fail(reply, 415, null, RPC.invalidRequest, 'Content-Type must be application/json');
    }
    const body = request.body;
    if (Array.isArray(body)) {
      // JSON-RPC batches (2025-03-26): answered one by one, in one JSON array.
      const answers: RpcResponse[] = [];
      for (const item of body) {
        const answer = await this.one(request, principal, endpoint, item, undefined);
        if (answer.response) {
          answers.push(answer.response);
        }
        if (answer.status !== 200 && answer.status !== 202) {
          return this.fail(
            reply,
            answer.status,
            null,
            RPC.invalidRequest,
            answer.response && 'error' in answer.response ? answer.response.error.message : 'Refused',
          );
        }
      }
      return answers.length > 0
        ? void reply.code(200).header('content-type', 'application/json').send(JSON.stringify(answers))
        : void reply.code(202).send();
    }
    const answer = await this.one(request, principal, endpoint, body, reply);
    if (answer.streamed) {
      return;
    }
    if (answer.sessionId) {
      void reply.header('mcp-session-id', answer.sessionId);
    }
    if (!answer.response) {
      return void reply.code(answer.status).send();
    }
    void reply.code(answer.status).header('content-type', 'application/json').send(JSON.stringify(answer.response));
  }

  /** One JSON-RPC message: its HTTP status and answer (or, with `reply`, a stream it wrote itself). */
  private async one(
    request: FastifyRequest,
    principal: Principal,
    endpoint: Endpoint,
    body: unknown,
    reply: FastifyReply | undefined,
  ): Promise<{ status: number; response?: RpcResponse; sessionId?: string; streamed?: boolean }> {
    const message = classify(body);
    if (message.kind === 'invalid') {
      return { status: 400, response: rpcError(message.id, RPC.invalidRequest, `Invalid request: ${message.reason}`) };
    }
    if (message.kind === 'response') {
      // Answers to server-to-client requests: none are sent yet (see docs/gateway.md).
      return { status: 202 };
    }
    const params = message.message.params;
    const verdict = modernVerdict(request, body, message.message);
    if (verdict.kind === 'reject') {
      return { status: verdict.status, response: rpcError(idOf(message), verdict.code, verdict.message, verdict.data) };
    }
    const era = verdict.kind;
    if (message.kind === 'request' && message.message.method === 'initialize') {
      const version = negotiateLegacy(params?.['protocolVersion']);
      return {
        status: 200,
        sessionId: this.sessions.open(principal, version),
        response: rpcResult(message.message.id, {
          protocolVersion: version,
          capabilities: this.dispatcher.capabilities(endpoint, principal),
          serverInfo: this.dispatcher.serverInfo(endpoint, principal),
          instructions:
            endpoint.kind === 'fleet'
              ? 'mcp-fleet: the tools, prompts and resources of every server you may use. Names are <server>__<name>.'
              : undefined,
        }),
      };
    }
    if (era === 'legacy') {
      const sessionId = header(request, SESSION_HEADER);
      if (!sessionId) {
        return {
          status: 400,
          response: rpcError(idOf(message), RPC.invalidRequest, 'Bad Request: Mcp-Session-Id header is required (send initialize first)'),
        };
      }
      if (!this.sessions.verify(sessionId, principal)) {
        return { status: 404, response: rpcError(idOf(message), RPC.invalidRequest, 'Session not found') };
      }
    }
    if (message.kind === 'notification') {
      if (message.message.method === 'notifications/cancelled') {
        // Session era: the client cancels a request it sent on another POST of this session.
        const cancelled = inFlightKey(header(request, SESSION_HEADER), message.message.params?.['requestId']);
        if (cancelled) {
          this.inFlight.get(cancelled)?.abort();
        }
      }
      return { status: 202 };
    }
    const rpc = message.message;
    if (era === 'modern' && rpc.method === 'server/discover') {
      return {
        status: 200,
        response: rpcResult(rpc.id, {
          supportedVersions: [MODERN_VERSION],
          capabilities: this.dispatcher.capabilities(endpoint, principal),
          resultType: 'complete',
          ttlMs: 0,
          cacheScope: 'private',
          _meta: { [SERVER_INFO_META]: this.dispatcher.serverInfo(endpoint, principal) },
        }),
      };
    }
    if (era === 'modern' && rpc.method === 'subscriptions/listen' && reply) {
      this.listen(request, reply, principal, endpoint, rpc);
      return { status: 200, streamed: true };
    }
    const controller = new AbortController();
    // The client went away before its answer (the connection closed): cancel upstream.
    const response = reply?.raw;
    const aborted = () => {
      if (response && !response.writableEnded) {
        controller.abort();
      }
    };
    response?.once('close', aborted);
    const key = era === 'legacy' ? inFlightKey(header(request, SESSION_HEADER), rpc.id) : undefined;
    if (key) {
      this.inFlight.set(key, controller);
    }
    const progressToken = (params?.['_meta'] as Record<string, unknown> | undefined)?.['progressToken'];
    let sse: ServerResponse | undefined;
    const context: RequestContext = {
      principal,
      endpoint,
      era,
      call: this.callContext(request, principal),
      signal: controller.signal,
      onProgress:
        reply && progressToken !== undefined && accepts(request, 'text/event-stream')
          ? (progress) => {
              sse ??= openSse(reply);
              writeEvent(sse, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, ...progress } });
            }
          : undefined,
    };
    let answer: RpcResponse;
    try {
      const result = await this.dispatcher.dispatch(rpc, context);
      answer = rpcResult(rpc.id, era === 'modern' ? modernResult(rpc.method, result) : result);
    } catch (error) {
      const failure = error instanceof RpcFailure ? error : rpcFailureOf(error);
      if (!(error instanceof RpcFailure) && !(error instanceof DomainError)) {
        this.logger.error({ err: error, method: rpc.method }, 'Gateway request failed');
      }
      answer = rpcError(rpc.id, failure.code, failure.message, failure.data);
    } finally {
      response?.off('close', aborted);
      if (key && this.inFlight.get(key) === controller) {
        this.inFlight.delete(key);
      }
    }
    if (sse) {
      writeEvent(sse, answer);
      sse.end();
      return { status: 200, streamed: true };
    }
    return { status: 200, response: answer };
  }

  /** A session's stream of server-to-client messages (list changes). */
  private openGetStream(request: FastifyRequest, reply: FastifyReply, principal: Principal, endpoint: Endpoint): void {
    const id = header(request, SESSION_HEADER);
    if (!id) {
      return this.fail(reply, 405, null, RPC.invalidRequest, 'Method not allowed: GET opens a session stream; send Mcp-Session-Id');
    }
    if (!this.sessions.verify(id, principal)) {
      return this.fail(reply, 404, null, RPC.invalidRequest, 'Session not found');
    }
    const raw = openSse(reply);
    this.track({ principal, endpoint, kinds: new Set<Kind>(['tools', 'resources', 'prompts']), raw });
  }

  /** 2026-07-28: `subscriptions/listen`, acknowledged at once, then the notifications asked for. */
  private listen(request: FastifyRequest, reply: FastifyReply, principal: Principal, endpoint: Endpoint, rpc: RpcRequest): void {
    const asked = (rpc.params?.['notifications'] ?? {}) as Record<string, unknown>;
    const kinds = new Set<Kind>();
    const accepted: Record<string, boolean> = {};
    for (const [flag, kind] of [
      ['toolsListChanged', 'tools'],
      ['resourcesListChanged', 'resources'],
      ['promptsListChanged', 'prompts'],
    ] as const) {
      if (asked[flag] === true) {
        kinds.add(kind);
        accepted[flag] = true;
      }
    }
    const subscriptionId = String(rpc.id);
    const raw = openSse(reply);
    writeEvent(raw, {
      jsonrpc: '2.0',
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: accepted, _meta: { [SUBSCRIPTION_ID_META]: subscriptionId } },
    });
    this.track({ principal, endpoint, kinds, subscriptionId, raw });
  }

  private track(stream: OpenStream): void {
    this.streams.add(stream);
    gatewayStreams.set(this.streams.size);
    stream.raw.once('close', () => {
      this.streams.delete(stream);
      gatewayStreams.set(this.streams.size);
    });
  }

  /** A server's entry changed: clients whose lists it touches hear `list_changed`. */
  private changed({ before, after }: DirectoryChange): void {
    if (this.streams.size === 0) {
      return;
    }
    const wasUp = before?.server.state === 'running';
    const isUp = after?.server.state === 'running';
    const kinds = new Set<Kind>();
    if (wasUp !== isUp || before?.catalog?.refreshedAt !== after?.catalog?.refreshedAt) {
      kinds.add('tools').add('resources').add('prompts');
    }
    if (!sameSet(before?.disabledTools, after?.disabledTools)) {
      kinds.add('tools');
    }
    if ((!wasUp && !isUp) || kinds.size === 0) {
      return;
    }
    const entry = after ?? before;
    if (!entry) {
      return;
    }
    for (const stream of this.streams) {
      const concerned =
        principalMayUse(stream.principal, entry.server.id) &&
        (stream.endpoint.kind === 'fleet' || stream.endpoint.name === entry.server.name || stream.endpoint.name === before?.server.name);
      if (!concerned) {
        continue;
      }
      for (const kind of kinds) {
        if (stream.kinds.has(kind)) {
          writeEvent(stream.raw, {
            jsonrpc: '2.0',
            method: `notifications/${kind}/list_changed`,
            ...(stream.subscriptionId ? { params: { _meta: { [SUBSCRIPTION_ID_META]: stream.subscriptionId } } } : {}),
          });
        }
      }
    }
  }

  private ping(): void {
    for (const stream of this.streams) {
      stream.raw.write(': keep-alive\n\n');
    }
  }

  /**
   * Browsers' requests from other sites are refused (DNS rebinding): an Origin must be this
   * host's or one of CORS_ORIGINS; on a loopback-bound API the Host must be loopback too.
   */
  private originAllowed(request: FastifyRequest): boolean {
    const host = header(request, 'host') ?? '';
    if (LOOPBACK.test(this.config.host) && !LOOPBACK.test(host)) {
      return false;
    }
    const origin = header(request, 'origin');
    if (!origin) {
      return true;
    }
    if (this.config.corsOrigins.includes(origin)) {
      return true;
    }
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  private unauthenticated(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
    const given = Boolean(request.headers.authorization);
    const metadata = `${publicOrigin(request)}/.well-known/oauth-protected-resource${request.url.split('?')[0]}`;
    const challenge = `Bearer resource_metadata="${metadata}"${given ? ', error="invalid_token"' : ''}`;
    const message = error instanceof DomainError ? error.message : 'Authentication required';
    gatewayRequests.inc({ server_name: (request.params as { server?: string }).server ?? '-', method: '-', outcome: 'denied' });
    void reply.header('www-authenticate', challenge);
    this.fail(reply, 401, null, RPC.invalidRequest, `Unauthorized: ${message}`);
  }

  /** RFC 9728 protected resource metadata: where clients learn how to authenticate here. */
  private resourceMetadata(request: FastifyRequest): Record<string, unknown> {
    const base = publicOrigin(request);
    const suffix = request.url.split('?')[0].replace('/.well-known/oauth-protected-resource', '');
    return {
      resource: `${base}${suffix.startsWith(GATEWAY_PATH) ? suffix : GATEWAY_PATH}`,
      resource_name: GATEWAY_INFO.title,
      bearer_methods_supported: ['header'],
      resource_documentation: `${base}/api/docs`,
      // No OAuth authorization server: tokens are API tokens made in the console (Admin > API tokens,
      // or the Gateway page), or the access token of a signed-in user.
      authorization_servers: [],
      mcp_protocol_versions: [MODERN_VERSION, ...LEGACY_VERSIONS],
    };
  }

  private callContext(request: FastifyRequest, principal: Principal): CallContext {
    const userAgent = header(request, 'user-agent');
    return {
      actor: { kind: principal.kind, id: principal.id, name: principal.name },
      correlationId: request.id,
      ip: request.ip ?? null,
      userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null,
      via: 'mcp',
    };
  }

  private fail(reply: FastifyReply, status: number, id: RpcId | null, code: number, message: string): void {
    void reply
      .code(status)
      .header('content-type', 'application/json')
      .send(JSON.stringify(rpcError(id, code, message)));
  }
}

/** Methods a 2026-07-28 client may send the gateway; anything else (`ping`, `initialize`, ...) is 404. */
const MODERN_METHODS: ReadonlySet<string> = new Set([
  'server/discover',
  'subscriptions/listen',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/read',
  'resources/templates/list',
  'prompts/list',
  'prompts/get',
  'completion/complete',
]);

type Verdict = { kind: 'legacy' | 'modern' } | { kind: 'reject'; status: number; code: number; message: string; data?: unknown };

/**
 * The era of a request, and the 2026-07-28 validation ladder (the SDK's own classifier: the
 * envelope in `_meta`, headers that must agree with the body), then the revision and the method.
 * Session-era requests that claim nothing skip it.
 */
function modernVerdict(request: FastifyRequest, body: unknown, message: { method: string; params?: Record<string, unknown> }): Verdict {
  const headerVersion = header(request, 'mcp-protocol-version');
  const claimsModern =
    eraOf(headerVersion, message.params) === 'modern' ||
    (headerVersion !== undefined && !(LEGACY_VERSIONS as readonly string[]).includes(headerVersion));
  if (!claimsModern) {
    return { kind: 'legacy' };
  }
  const outcome = classifyInboundRequest({
    httpMethod: 'POST',
    protocolVersionHeader: headerVersion,
    mcpMethodHeader: header(request, 'mcp-method'),
    mcpNameHeader: header(request, 'mcp-name'),
    body,
  });
  if (outcome.kind === 'reject') {
    return { kind: 'reject', status: outcome.httpStatus, code: outcome.code, message: outcome.message, data: outcome.data };
  }
  if (outcome.kind === 'legacy') {
    return { kind: 'legacy' };
  }
  const requested = (message.params?.['_meta'] as Record<string, unknown> | undefined)?.[PROTOCOL_VERSION_META];
  if (requested !== MODERN_VERSION) {
    return {
      kind: 'reject',
      status: 400,
      code: UNSUPPORTED_PROTOCOL_VERSION,
      message: `Unsupported protocol version: ${String(requested)}`,
      data: { supported: [MODERN_VERSION], requested },
    };
  }
  if (outcome.messageKind === 'request') {
    const mismatch = headerMismatch(request, message);
    if (mismatch) {
      return {
        kind: 'reject',
        status: 400,
        code: HEADER_MISMATCH,
        message: `Bad Request: the request headers and body disagree: ${mismatch}`,
      };
    }
    if (!MODERN_METHODS.has(message.method)) {
      return { kind: 'reject', status: 404, code: RPC.methodNotFound, message: `Method not found: ${message.method}` };
    }
  }
  return { kind: 'modern' };
}

/** Where a request names its target, mirrored in the `Mcp-Name` header (SEP-2243). */
const NAME_FIELD: Readonly<Record<string, string>> = { 'tools/call': 'name', 'prompts/get': 'name', 'resources/read': 'uri' };

/** 2026-07-28 routing headers that must be present and agree with the body, as the SDK's own entry checks them. */
function headerMismatch(request: FastifyRequest, message: { method: string; params?: Record<string, unknown> }): string | undefined {
  if (header(request, 'mcp-protocol-version') === undefined) {
    return 'the required MCP-Protocol-Version header is absent';
  }
  if (header(request, 'mcp-method') === undefined) {
    return `the body names method ${message.method} but the required Mcp-Method header is absent`;
  }
  const field = NAME_FIELD[message.method];
  const bodyValue = field ? message.params?.[field] : undefined;
  if (typeof bodyValue !== 'string') {
    return undefined;
  }
  const raw = header(request, 'mcp-name');
  if (raw === undefined) {
    return `the body carries params.${field}="${bodyValue}" but the required Mcp-Name header is absent`;
  }
  const value = raw.trim();
  const base64 = /^=\?base64\?(.*)\?=$/i.exec(value);
  const decoded = base64 ? Buffer.from(base64[1], 'base64').toString('utf8') : value;
  return decoded === bodyValue ? undefined : `the body carries params.${field}="${bodyValue}" but the Mcp-Name header names "${decoded}"`;
}

/**
 * A result as 2026-07-28 clients expect it: `resultType`, and on lists the caching hints
 * (`ttlMs` 0, `cacheScope` private: what a caller sees depends on its token and on switches).
 */
function modernResult(method: string, result: Record<string, unknown>): Record<string, unknown> {
  const shaped: Record<string, unknown> = { resultType: 'complete', ...result };
  if (method.endsWith('/list')) {
    shaped['ttlMs'] ??= 0;
    shaped['cacheScope'] ??= 'private';
  }
  return shaped;
}

function inFlightKey(sessionId: string | undefined, requestId: unknown): string | undefined {
  return sessionId && (typeof requestId === 'string' || typeof requestId === 'number')
    ? `${sessionId} ${JSON.stringify(requestId)}`
    : undefined;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function accepts(request: FastifyRequest, type: string): boolean {
  return (header(request, 'accept') ?? '').includes(type);
}

function idOf(message: { message: RpcRequest | { method: string } }): RpcId | null {
  return 'id' in message.message ? message.message.id : null;
}

function openSse(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  raw.flushHeaders();
  return raw;
}

function writeEvent(raw: ServerResponse, message: unknown): void {
  raw.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  const left = a ?? new Set<string>();
  const right = b ?? new Set<string>();
  return left.size === right.size && [...left].every((item) => right.has(item));
}
