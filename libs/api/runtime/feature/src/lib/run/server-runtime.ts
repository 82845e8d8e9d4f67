import { randomUUID } from 'node:crypto';

import {
  ProtocolError,
  SdkError,
  SdkErrorCode,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';

import type { StoredCatalog, UpstreamOptions, UpstreamRequest } from '@mcp-fleet/api/runtime/data-access';
import { envNames } from '@mcp-fleet/api/servers/data-access';
import { checkStdioLaunch, resolveAndCheckUrl, type StdioPolicy, type UrlPolicy } from '@mcp-fleet/api/shared/security';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { Redactor, secretValuesOf } from '../domain/redactor';
import type { RunEnd, StopOutcome } from '../domain/run-end';
import { classifyRemoteError, describe, RuntimeFailure } from '../domain/runtime-failure';
import { ChildStdioTransport, ProtocolGarbageError } from '../mcp/child-stdio-transport';
import { type CatalogChange, McpSession } from '../mcp/mcp-session';
import { PASSTHROUGH, UpstreamCancelledError, UpstreamRpcError, UpstreamTimeoutError } from '../mcp/upstream-errors';
import { childEnvironment } from '../process/child-environment';
import { LineRing } from '../process/line-ring';
import { groupAlive, signalGroup, waitForGroupExit } from '../process/proc';
import { type ProcessExit, StdioProcess } from '../process/stdio-process';
import type { ServerRun } from './server-run';

/** Secrets opened for this run only; they never leave this object. */
export interface OpenedSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
}

/** What may be run or reached, checked again at every spawn and connect. */
export interface LaunchPolicy {
  url: UrlPolicy;
  stdio: StdioPolicy;
}

/** What the supervisor hears from a run. */
export interface RunHooks {
  onStderr(line: string): void;
  onCatalogChange(change: CatalogChange): void;
  /** The process (or remote connection) is up: record it before the handshake. */
  onProcess(pid: number, startTicks: string | null): Promise<void>;
}

/** RunHooks plus where the watchdog learns about the process group (added by the factory). */
export interface RuntimeHooks extends RunHooks {
  watch(pgid: number): void;
  forget(pgid: number): void;
}

/** Stdin EOF first: a well-behaved stdio server exits on it. */
const GRACE_AFTER_EOF_MS = 1000;

/**
 * One run of one server: spawn or connect, handshake, catalog, tool calls, and the stop sequence
 * (close the client, close stdin, SIGTERM to the group, SIGKILL after killTimeoutMs, confirm none
 * is left). `ended` resolves once, when the run is over for any reason.
 *
 * This is the boundary of a child's output: whatever the server printed or answered leaves this
 * object only through `redactor` (the run's secret values in every printable form), so events,
 * command results, tool results, logs and errors built from it hold no secret.
 */
export class ServerRuntime implements ServerRun {
  readonly runId = randomUUID();
  readonly redactor: Redactor;
  /** Raw: read only through `lastStderr()`. */
  private readonly stderr = new LineRing(200);
  readonly ended: Promise<RunEnd>;
  protocolVersion: string | null = null;
  private process: StdioProcess | undefined;
  private session: McpSession | undefined;
  private garbage: ProtocolGarbageError | undefined;
  private startedAt = Date.now();

  /** When this run's start began (for uptime). */
  get startedAtMs(): number {
    return this.startedAt;
  }
  private stopping = false;

  /** Its stop sequence has begun: it takes no more requests. */
  get isStopping(): boolean {
    return this.stopping || this.hasEnded;
  }
  private resolveEnded!: (end: RunEnd) => void;
  private hasEnded = false;

  constructor(
    readonly server: McpServer,
    private readonly secrets: OpenedSecrets,
    private readonly hooks: RuntimeHooks,
    private readonly policy: LaunchPolicy,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.redactor = new Redactor(secretValuesOf(server.config, secrets));
  }

  /** The last stderr lines, redacted. */
  lastStderr(count = 20): string[] {
    return this.stderr.last(count).map((line) => this.redactor.redact(line));
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Resolves once the last stderr lines have been read, or after `capMs` (a grandchild may hold the pipe). */
  stderrDone(capMs: number): Promise<void> {
    const done = this.process?.stderrDone ?? Promise.resolve();
    return Promise.race([done, new Promise<void>((resolve) => setTimeout(resolve, capMs))]);
  }

  /** Spawns or connects and completes the handshake; throws RuntimeFailure with the reason. */
  async start(): Promise<Omit<StoredCatalog, 'refreshedAt'>> {
    const { config } = this.server;
    this.startedAt = Date.now();
    this.session = new McpSession(
      (change) =>
        this.hooks.onCatalogChange({
          kind: change.kind,
          items: this.redactor.redactDeep(change.items),
        }),
      () => undefined,
    );
    try {
      // Inside the try: once a child exists, any failure (even recording its pid) must stop it.
      const transport = this.server.transport === 'stdio' ? await this.spawn() : await this.remoteTransport();
      await this.connectWithin(transport, config.startupTimeoutMs);
      const catalog = this.redactor.redactDeep(await this.session.catalog(this.server.id, config.requestTimeoutMs));
      this.protocolVersion = catalog.protocolVersion;
      if (this.server.transport !== 'stdio') {
        transport.onclose = () => this.finish({ code: null, signal: null }, 'CONNECTION_LOST', 'The connection to the server closed');
      }
      return catalog;
    } catch (error) {
      const failure = await this.failureOf(error);
      await this.stop(this.server.config.killTimeoutMs);
      throw new RuntimeFailure(failure.reason, this.redactor.redact(failure.message), this.redactor.redactDeep(failure.details));
    }
  }

  async callTool(name: string, args: Record<string, unknown>, timeoutMs: number): Promise<Record<string, unknown>> {
    if (!this.session) {
      throw new Error('Not connected');
    }
    try {
      return this.redactor.redactDeep(await this.session.client.callTool({ name, arguments: args }, { timeout: timeoutMs }));
    } catch (error) {
      throw this.redactedError(error);
    }
  }

  async request(request: UpstreamRequest, timeoutMs: number, options: UpstreamOptions = {}): Promise<Record<string, unknown>> {
    if (!this.session) {
      throw new Error('Not connected');
    }
    try {
      const result = await this.session.client.request(request, PASSTHROUGH, {
        timeout: timeoutMs,
        signal: options.signal,
        onprogress: options.onProgress,
        resetTimeoutOnProgress: options.onProgress !== undefined,
      });
      return this.redactor.redactDeep(result);
    } catch (error) {
      if (options.signal?.aborted) {
        throw new UpstreamCancelledError();
      }
      if (error instanceof ProtocolError) {
        throw new UpstreamRpcError(error.code, this.redactor.redact(error.message), this.redactor.redactDeep(error.data));
      }
      if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
        throw new UpstreamTimeoutError(timeoutMs);
      }
      throw this.redactedError(error);
    }
  }

  /** Whether the process is still there (stdio); a remote server has no process to check. */
  get alive(): boolean {
    return (
      !this.hasEnded && (this.process === undefined || (this.process.child.exitCode === null && this.process.child.signalCode === null))
    );
  }

  /**
   * A cheap request that must be answered: `ping` on session-era servers, `server/discover` on
   * 2026-07-28 ones (stateless: no session to ping).
   */
  async probe(timeoutMs: number): Promise<void> {
    const client = this.session?.client;
    if (!client) {
      throw new Error('Not connected');
    }
    try {
      if (client.getProtocolEra() === 'modern') {
        await client.discover({ timeout: timeoutMs });
      } else {
        await client.ping({ timeout: timeoutMs });
      }
    } catch (error) {
      throw this.redactedError(error);
    }
  }

  /** An error whose text came from the server (or quotes it), with its secrets masked. */
  private redactedError(error: unknown): Error {
    return new Error(this.redactor.redact(describe(error)));
  }

  /** The stop sequence; resolves once no process of the group is left. */
  async stop(killTimeoutMs: number): Promise<StopOutcome> {
    this.stopping = true;
    await this.session?.close();
    const child = this.process;
    const pgid = child?.pid;
    if (!child || pgid === undefined) {
      this.finish({ code: null, signal: null }, 'STOPPED', 'Disconnected');
      return { escalated: false, leftovers: false };
    }
    child.child.stdin.end();
    let escalated = false;
    if (!(await waitForGroupExit(pgid, GRACE_AFTER_EOF_MS))) {
      signalGroup(pgid, 'SIGTERM');
      // A stopped (SIGSTOP'd, hung) process only acts on SIGTERM once continued, as systemd does it.
      signalGroup(pgid, 'SIGCONT');
      if (!(await waitForGroupExit(pgid, killTimeoutMs))) {
        escalated = true;
        signalGroup(pgid, 'SIGKILL');
        await waitForGroupExit(pgid, 2000);
      }
    }
    const exit = await child.exited;
    this.hooks.forget(pgid);
    this.finish(exit, 'STOPPED', escalated ? 'Stopped with SIGKILL after SIGTERM was ignored' : 'Stopped');
    return { escalated, leftovers: groupAlive(pgid) };
  }

  private async spawn(): Promise<Transport> {
    const { config } = this.server;
    // Checked again here, not only at registration: the policy may have been tightened since.
    const issues = checkStdioLaunch(
      { command: config.command ?? '', args: config.args, env: envNames(config), cwd: config.cwd },
      this.policy.stdio,
    );
    if (issues.length > 0) {
      throw new RuntimeFailure(
        'STDIO_NOT_ALLOWED',
        `The launch policy refuses this server: ${issues.map((issue) => issue.message).join('; ')}`,
        {
          issues,
        },
      );
    }
    const child = new StdioProcess(
      {
        command: config.command ?? '',
        args: config.args ?? [],
        env: childEnvironment(process.env, this.secrets.env),
        cwd: config.cwd,
      },
      (line) => {
        this.stderr.push(line);
        this.hooks.onStderr(line);
      },
    );
    this.process = child;
    if (child.pid === undefined) {
      await child.exited;
      throw new RuntimeFailure('SPAWN_FAILED', `Could not start ${config.command}: ${describe(child.spawnError)}`, {
        command: config.command,
      });
    }
    this.hooks.watch(child.pid);
    await this.hooks.onProcess(child.pid, child.startTicks());
    void child.exited.then((exit) => {
      if (this.garbage) {
        this.finish(exit, 'PROTOCOL_ERROR', this.garbageMessage());
      } else {
        this.finish(exit, 'EXITED', exitMessage(exit));
      }
    });
    return new ChildStdioTransport(child, (garbage) => this.onGarbage(garbage));
  }

  /** The URL is checked again now, DNS included: what was allowed at registration may not be any more. */
  private async remoteTransport(): Promise<Transport> {
    const verdict = await resolveAndCheckUrl(this.server.config.url ?? '', this.policy.url);
    if (!verdict.ok) {
      throw new RuntimeFailure('URL_NOT_ALLOWED', verdict.reason, {
        code: verdict.code,
      });
    }
    const url = verdict.url;
    const requestInit = { headers: this.secrets.headers };
    return this.server.transport === 'sse'
      ? new SSEClientTransport(url, { requestInit })
      : new StreamableHTTPClientTransport(url, { requestInit });
  }

  private async connectWithin(transport: Transport, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RuntimeFailure('STARTUP_TIMEOUT', `No answer to the handshake within ${timeoutMs} ms`, { timeoutMs })),
        timeoutMs,
      );
    });
    // A process that exits before answering fails the start at once, not at the timeout.
    const exited = this.process
      ? this.process.exited.then((exit) => {
          throw this.garbage
            ? new RuntimeFailure('PROTOCOL_ERROR', this.garbageMessage())
            : new RuntimeFailure('EXITED', exitMessage(exit), {
                exitCode: exit.code,
                signal: exit.signal,
                lastStderr: this.lastStderr(),
              });
        })
      : new Promise<never>(() => undefined);
    try {
      await Promise.race([this.session?.connect(transport, timeoutMs), timeout, exited]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async failureOf(error: unknown): Promise<RuntimeFailure> {
    if (this.garbage) {
      return new RuntimeFailure('PROTOCOL_ERROR', this.garbageMessage(), {
        lastStderr: this.lastStderr(),
      });
    }
    if (error instanceof RuntimeFailure) {
      return error;
    }
    if (this.process) {
      // The handshake failed; if the process is exiting, its exit is the better reason.
      const exit = await Promise.race([this.process.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
      if (exit) {
        return new RuntimeFailure('EXITED', exitMessage(exit), {
          exitCode: exit.code,
          signal: exit.signal,
          lastStderr: this.lastStderr(),
        });
      }
      return new RuntimeFailure('PROTOCOL_ERROR', `The handshake failed: ${describe(error)}`, { lastStderr: this.lastStderr() });
    }
    return new RuntimeFailure(classifyRemoteError(error), `Could not connect: ${describe(error)}`, { url: this.server.config.url });
  }

  /** Redacted before it is cut, so no piece of a secret survives at the cut. */
  private garbageMessage(): string {
    const sample = this.redactor.redact((this.garbage?.sample ?? '').slice(0, 4096));
    return `The server wrote something that is not MCP to stdout: ${JSON.stringify(sample.slice(0, 200))}`;
  }

  private onGarbage(garbage: ProtocolGarbageError): void {
    if (this.garbage) {
      return;
    }
    // stdout belongs to MCP; a server that breaks that is stopped with the reason.
    this.garbage = garbage;
    if (!this.stopping) {
      void this.stop(this.server.config.killTimeoutMs);
    }
  }

  private finish(exit: ProcessExit | { code: null; signal: null }, reason: RunEnd['reason'], message: string): void {
    if (this.hasEnded) {
      return;
    }
    this.hasEnded = true;
    const expected = this.stopping && reason !== 'PROTOCOL_ERROR';
    this.resolveEnded({
      expected,
      code: exit.code,
      signal: exit.signal,
      reason: expected ? 'STOPPED' : reason,
      message: this.redactor.redact(message),
      uptimeMs: Date.now() - this.startedAt,
      lastStderr: this.lastStderr(),
    });
  }
}

function exitMessage(exit: ProcessExit): string {
  return exit.signal ? `The process was killed by ${exit.signal}` : `The process exited with code ${exit.code ?? 'unknown'}`;
}
