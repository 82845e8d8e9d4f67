import {
  type Client,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type McpSubscription,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
  type TransportSendOptions,
} from '@modelcontextprotocol/client';

import { resolveAndCheckUrl, type UrlPolicy } from '@mcp-fleet/api/shared/security';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { describe, RuntimeFailure } from '../domain/runtime-failure';

/** A DELETE that ends a session may not hold up a stop for longer than this. */
const TERMINATE_MS = 2000;
/**
 * After a stream dropped, how often and how far apart the link asks the server whether it is
 * still there before it calls the connection lost: a server restarted within about this long
 * keeps its run (its session is renewed), one that stays away is noticed within it.
 */
const CHECKS = [0, 700, 1400];
const CHECK_TIMEOUT_MS = 1000;
/** A notification stream whose session is gone renews it at most this often (a server that 404s every GET would loop). */
const STREAM_RENEW_EVERY_MS = 10_000;

/** What the run gives the link once its handshake completed. */
export interface LinkWatch {
  client: Client;
  /** A cheap request that must be answered (ping, or server/discover). */
  probe(timeoutMs: number): Promise<void>;
  /** The connection is gone; called once. */
  onDisconnected(reason: string): void;
}

/** What the link tells about itself (for the log). */
export interface LinkHooks {
  onSessionRenewed(reason: string): void;
}

/**
 * The connection to a remote server (Streamable HTTP or legacy SSE): the URL checked again
 * (DNS included) at every connect, and what keeps the run alive or ends it.
 *
 * - Session renewal: a request that carried a session id and got 404 (the server forgot or
 *   expired the session, or its backend restarted) starts a new session with the same
 *   `initialize` and is sent once more, for every request of the run (calls, probes, catalog).
 * - Stop ends the session with DELETE (a 405 means the server keeps sessions to itself).
 * - A dropped stream (the GET stream of a session, a 2026-07-28 `subscriptions/listen`, the SSE
 *   stream) or a failed connection is checked at once with a few quick probes: the stream is
 *   opened again when the server answers, and the run is declared disconnected when it does not.
 */
export class RemoteLink {
  private transport: SessionTransport | undefined;
  private watching: LinkWatch | undefined;
  private checking: Promise<void> | undefined;
  private lost = false;
  private closed = false;

  constructor(
    private readonly server: McpServer,
    private readonly headers: Record<string, string>,
    private readonly policy: UrlPolicy,
    private readonly hooks: LinkHooks,
  ) {}

  /** A transport for one connect; the URL is checked again now: what was allowed at registration may not be any more. */
  async open(): Promise<Transport> {
    const verdict = await resolveAndCheckUrl(this.server.config.url ?? '', this.policy);
    if (!verdict.ok) {
      // A name that does not resolve now is a network failure (retried), not a refusal by the policy.
      throw new RuntimeFailure(verdict.code === 'URL_UNRESOLVABLE' ? 'DNS_FAILED' : 'URL_NOT_ALLOWED', verdict.reason, {
        code: verdict.code,
      });
    }
    const requestInit = { headers: this.headers };
    const inner =
      this.server.transport === 'sse'
        ? new SSEClientTransport(verdict.url, { requestInit })
        : // The SDK resumes a dropped stream itself (Last-Event-ID, the server's `retry`), twice at
          // most; the link checks the server meanwhile and reopens the stream once the SDK gives up.
          new StreamableHTTPClientTransport(verdict.url, {
            requestInit,
            reconnectionOptions: {
              initialReconnectionDelay: 500,
              maxReconnectionDelay: 2000,
              reconnectionDelayGrowFactor: 2,
              maxRetries: 2,
            },
          });
    this.transport = new SessionTransport(inner, {
      renewTimeoutMs: this.server.config.startupTimeoutMs,
      quiet: () => this.lost || this.closed,
      gone: () => this.lost,
      onTrouble: (error) => this.trouble(error),
      onClosed: () => this.trouble(new Error('The connection to the server closed')),
      onRenewed: (reason) => this.hooks.onSessionRenewed(reason),
    });
    return this.transport;
  }

  /** The handshake completed: from now on a dropped stream is checked, and a lost server ends the run. */
  watch(watch: LinkWatch): void {
    this.watching = watch;
    this.watchSubscription(watch.client.autoOpenedSubscription);
  }

  /** The run is being stopped: no more checks; the session is ended (DELETE) unless the server is gone. */
  closing(): void {
    this.closed = true;
  }

  private watchSubscription(subscription: McpSubscription | undefined): void {
    void subscription?.closed.then((cause) => {
      if (cause !== 'local') {
        this.trouble(new Error(`The subscriptions/listen stream ended (${cause})`), subscription.honoredFilter);
      }
    });
  }

  /** Something failed on the connection: is the server still there? */
  private trouble(error: Error, relisten?: McpSubscription['honoredFilter']): void {
    const watch = this.watching;
    if (!watch || this.lost || this.closed) {
      return; // before the handshake the start decides; after a stop nothing does
    }
    if (this.server.transport === 'sse') {
      // The legacy SSE protocol has no way back into a session: its stream is the connection.
      this.disconnect(watch, `The SSE stream to the server failed: ${describe(error)}`);
      return;
    }
    this.checking ??= this.check(watch, error, relisten).finally(() => (this.checking = undefined));
  }

  private async check(watch: LinkWatch, cause: Error, relisten?: McpSubscription['honoredFilter']): Promise<void> {
    let last: unknown = cause;
    for (const delay of CHECKS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.lost || this.closed) {
        return;
      }
      try {
        await watch.probe(CHECK_TIMEOUT_MS);
        if (!sdkResumes(cause)) {
          await this.reopenStreams(watch, relisten);
        }
        return;
      } catch (error) {
        last = error;
      }
    }
    this.disconnect(watch, `${describe(cause)}; the server does not answer: ${describe(last)}`);
  }

  /** The server answers: the stream that carries its notifications is opened again. */
  private async reopenStreams(watch: LinkWatch, relisten?: McpSubscription['honoredFilter']): Promise<void> {
    if (watch.client.getProtocolEra() === 'modern') {
      if (relisten && Object.keys(relisten).length > 0) {
        this.watchSubscription(await watch.client.listen(relisten));
      }
      return;
    }
    await this.transport?.reopenStream();
  }

  private disconnect(watch: LinkWatch, reason: string): void {
    if (this.lost || this.closed) {
      return;
    }
    this.lost = true;
    watch.onDisconnected(reason);
  }
}

interface SessionTransportHooks {
  renewTimeoutMs: number;
  /** The run is over or going: errors are expected and nobody needs to hear of them. */
  quiet(): boolean;
  /** The server is gone: a DELETE would only wait. */
  gone(): boolean;
  /** A failure that may mean the server is gone (a dropped stream, a failed connection). */
  onTrouble(error: Error): void;
  /** The transport closed without being asked to. */
  onClosed(): void;
  onRenewed(reason: string): void;
}

/**
 * The SDK's transport with session renewal, DELETE on close, and its errors sorted: those that
 * may mean the server is gone go to the link, those the renewal handles are not passed on.
 */
class SessionTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** The client's own `initialize`, sent again to renew the session. */
  private initialize: JSONRPCRequest | undefined;
  private renewing: Promise<void> | undefined;
  private renewals = 0;
  private readonly pending = new Map<string, (message: JSONRPCMessage) => void>();
  private closing = false;
  private streamRenewedAt = 0;

  constructor(
    private readonly inner: StreamableHTTPClientTransport | SSEClientTransport,
    private readonly hooks: SessionTransportHooks,
  ) {}

  get hasPerRequestStream(): boolean | undefined {
    return 'hasPerRequestStream' in this.inner ? this.inner.hasPerRequestStream : undefined;
  }

  get sessionId(): string | undefined {
    return this.inner instanceof StreamableHTTPClientTransport ? this.inner.sessionId : undefined;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  async start(): Promise<void> {
    this.inner.onmessage = (message) => {
      const id = 'id' in message ? String(message.id) : undefined;
      const waiter = id === undefined ? undefined : this.pending.get(id);
      if (waiter && !('method' in message)) {
        this.pending.delete(id as string);
        waiter(message);
        return;
      }
      this.onmessage?.(message);
    };
    this.inner.onerror = (error) => {
      if (sessionGone(error)) {
        // A request's 404 is retried after a renewal; a stream's is renewed (and so reopened) now.
        if (!this.closing && /open SSE stream/i.test(error.message) && Date.now() - this.streamRenewedAt > STREAM_RENEW_EVERY_MS) {
          this.streamRenewedAt = Date.now();
          void this.renew('the server forgot the session of the notification stream').catch((failure: unknown) =>
            this.hooks.onTrouble(failure instanceof Error ? failure : new Error(String(failure))),
          );
        }
        return;
      }
      this.onerror?.(error);
      if (!this.hooks.quiet() && !this.closing && isConnectionTrouble(error)) {
        this.hooks.onTrouble(error);
      }
    };
    this.inner.onclose = () => {
      this.onclose?.();
      if (!this.closing && !this.hooks.quiet()) {
        this.hooks.onClosed();
      }
    };
    await this.inner.start();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if ('method' in message && message.method === 'initialize' && 'id' in message) {
      this.initialize = message;
    }
    const session = this.sessionId;
    const inner: Transport = this.inner;
    try {
      await inner.send(message, options);
    } catch (error) {
      if (session === undefined || !sessionGone(error) || this.closing || isInitialize(message)) {
        throw error;
      }
      if (this.sessionId === session) {
        await this.renew(`a request got ${describe(error)}`);
      }
      await inner.send(message, options); // once: a second 404 is the answer
    }
  }

  /** Opens the notification stream of the session again (a 409 means it is open already). */
  async reopenStream(): Promise<void> {
    if (this.inner instanceof StreamableHTTPClientTransport && this.inner.sessionId !== undefined) {
      await this.inner.resumeStream('').catch((error: unknown) => {
        // 409: a stream is open already; 404: the renewal this started opens one.
        if (statusOf(error) !== 409 && statusOf(error) !== 405 && !sessionGone(error)) {
          throw error;
        }
      });
    }
  }

  /** Ends the session with DELETE (a 405 is fine; a server that is gone gets no DELETE), then closes. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.inner instanceof StreamableHTTPClientTransport && this.inner.sessionId !== undefined && !this.hooks.gone()) {
      const inner = this.inner;
      await Promise.race([inner.terminateSession().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, TERMINATE_MS))]);
    }
    await this.inner.close();
  }

  /** A new session with the client's own `initialize`; concurrent 404s share one renewal. */
  private renew(reason: string): Promise<void> {
    this.renewing ??= this.handshake(reason).finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async handshake(reason: string): Promise<void> {
    const initialize = this.initialize;
    if (!initialize || !(this.inner instanceof StreamableHTTPClientTransport)) {
      throw new Error('The session was lost and cannot be renewed');
    }
    const id = `mcp-fleet-renew-${++this.renewals}`;
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<JSONRPCMessage>((resolve, reject) => {
      this.pending.set(id, resolve);
      timer = setTimeout(
        () => reject(new Error(`No answer to initialize within ${this.hooks.renewTimeoutMs} ms`)),
        this.hooks.renewTimeoutMs,
      );
    });
    try {
      await this.inner.send({ ...initialize, id });
      const response = await answer;
      if ('error' in response) {
        throw new Error(`The server refused a new session: ${describe(response.error)}`);
      }
      const result = ('result' in response ? response.result : {}) as { protocolVersion?: unknown };
      if (typeof result.protocolVersion === 'string') {
        this.inner.setProtocolVersion(result.protocolVersion);
      }
      await this.inner.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      this.hooks.onRenewed(reason);
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }
}

function isInitialize(message: JSONRPCMessage): boolean {
  return 'method' in message && message.method === 'initialize';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The server does not know the session any more: 404 (the spec), or the 400 "No valid session ID"
 * that servers built on the SDK's examples answer for an unknown id.
 */
function sessionGone(error: unknown): boolean {
  const status = statusOf(error);
  return status === 404 || (status === 400 && /session/i.test(describe(error)));
}

/** A failure of the connection itself, or of a stream: the server may be gone. */
/**
 * A stream the SDK is resuming on its own (with Last-Event-ID, after the server's `retry`): a
 * second GET from the link now would come early and without the event id.
 */
function sdkResumes(cause: Error): boolean {
  return /SSE stream disconnected|Failed to reconnect SSE stream/i.test(describe(cause));
}

function isConnectionTrouble(error: Error): boolean {
  if (statusOf(error) !== undefined) {
    return statusOf(error) !== 409 && statusOf(error) !== 405 && (statusOf(error) as number) >= 500;
  }
  return /fetch failed|SSE stream disconnected|reconnect|ECONNRESET|ECONNREFUSED|socket|terminated|other side closed|SSE error/i.test(
    describe(error),
  );
}
