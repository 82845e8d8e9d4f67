import { randomUUID } from 'node:crypto';

import { ProtocolError, SdkError, SdkErrorCode, type Transport, type VersionNegotiationOptions } from '@modelcontextprotocol/client';

import type { LearntEra, StoredCatalog, UpstreamOptions, UpstreamProgress, UpstreamRequest } from '@mcp-fleet/api/runtime/data-access';
import { envNames } from '@mcp-fleet/api/servers/data-access';
import { checkStdioLaunch, type StdioPolicy, type UrlPolicy } from '@mcp-fleet/api/shared/security';
import type { McpLogLevel, McpServer, ServerTransport, ToolCallInput } from '@mcp-fleet/shared/contracts';

import { Redactor, secretValuesOf } from '../domain/redactor';
import type { RunEnd, StopOutcome } from '../domain/run-end';
import { describe, remoteFailure, RuntimeFailure } from '../domain/runtime-failure';
import { ChildStdioTransport, ProtocolGarbageError } from '../mcp/child-stdio-transport';
import { type CatalogChange, type McpLogMessage, McpSession } from '../mcp/mcp-session';
import { negotiationFor, probes, type RememberedEra } from '../mcp/negotiation';
import { RemoteLink } from '../mcp/remote-link';
import { taskHandleOf } from '../mcp/result-bridge';
import { callToolAsTask, requiresTask, settleTask, type TaskCallOptions } from '../mcp/tool-task';
import { otherTransportAnswering } from '../mcp/transport-sniffer';
import { PASSTHROUGH, UpstreamCancelledError, UpstreamRpcError, UpstreamTimeoutError } from '../mcp/upstream-errors';
import { childEnvironment } from '../process/child-environment';
import { launchProblem } from '../process/launch-check';
import { LineRing } from '../process/line-ring';
import { groupAlive, signalGroup, waitForGroupExit } from '../process/proc';
import { MAX_LINE, type ProcessExit, StdioProcess } from '../process/stdio-process';
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
  /** A log line that is not stderr: MCP log messages, text on stdout that is not MCP. Redacted. */
  onLog(entry: { stream: 'stdout' | 'mcp'; level: McpLogLevel; line: string }): void;
  onCatalogChange(change: CatalogChange): void;
  /** A resource the fleet subscribed to changed (its URI redacted). */
  onResourceUpdated(uri: string): void;
  /** The process (or remote connection) is up: record it before the handshake. */
  onProcess(pid: number, startTicks: string | null): Promise<void>;
}

/** RunHooks plus where the watchdog learns about the process group (added by the factory). */
export interface RuntimeHooks extends RunHooks {
  watch(pgid: number): void;
  forget(pgid: number): void;
  /** A legacy verdict remembered from an earlier start of the same launch. */
  recallEra(): Promise<RememberedEra>;
  /** What this start learnt about the server's protocol era (`auto` stdio servers). */
  learnEra(learnt: LearntEra): Promise<void>;
}

/** Stdin EOF first: a well-behaved stdio server exits on it. */
/** At most this long a stop waits for requests under way (a rolling restart loses none of them). */
const MAX_DRAIN_MS = 5000;
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
  private stdout: ChildStdioTransport | undefined;
  /** A remote server's connection: session renewal, DELETE on stop, disconnect detection. */
  private remote: RemoteLink | undefined;
  private garbage: ProtocolGarbageError | undefined;
  /** stdout lines that were not MCP, kept in the log as warnings; the first one, for the reason. */
  private noise = { lines: 0, first: '' };
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Tools the server runs only as tasks (`execution.taskSupport: required`). */
  private taskTools = new Set<string>();
  private startedAt = Date.now();

  /** When this run's start began (for uptime). */
  get startedAtMs(): number {
    return this.startedAt;
  }
  private stopping = false;
  /** Until the start completes, an exit is the start's to handle. */
  private starting = true;

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

  /**
   * Spawns or connects and completes the handshake; throws RuntimeFailure with the reason.
   * An `auto` stdio server whose process ended on the `server/discover` probe (SDKs that exit on
   * any request before `initialize`) is a legacy server: it is started again, once, with
   * `initialize` on a fresh process, and the verdict is remembered for the next starts.
   */
  async start(): Promise<Omit<StoredCatalog, 'refreshedAt'>> {
    const { config } = this.server;
    this.startedAt = Date.now();
    const deadline = this.startedAt + config.startupTimeoutMs;
    try {
      const remembered = this.server.transport === 'stdio' ? await this.hooks.recallEra().catch(() => null) : null;
      const first = negotiationFor(config, this.server.transport, remembered);
      try {
        await this.connect(first, deadline);
      } catch (error) {
        if (!this.probeEndedProcess(first)) {
          throw error;
        }
        await this.connect({ mode: 'legacy' }, deadline);
      }
      const session = this.session as McpSession;
      const catalog = this.redactor.redactDeep(await session.catalog(this.server.id, config.requestTimeoutMs));
      this.protocolVersion = catalog.protocolVersion;
      this.taskTools = taskToolsOf(catalog.tools);
      if (this.server.transport === 'stdio' && (config.protocol ?? 'auto') === 'auto') {
        const serverVersion = typeof catalog.serverInfo['version'] === 'string' ? catalog.serverInfo['version'] : null;
        const era = session.client.getProtocolEra() === 'modern' ? 'modern' : 'legacy';
        void this.hooks.learnEra({ era, serverVersion, probed: probes(first) }).catch(() => undefined);
      }
      this.remote?.watch({ client: session.client, probe: (ms) => this.probe(ms), onDisconnected: (why) => this.disconnected(why) });
      this.starting = false;
      const child = this.process?.child;
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        this.exitedWhileRunning({ code: child.exitCode, signal: child.signalCode }); // it exited as the start completed
      }
      return catalog;
    } catch (error) {
      const failure = await this.failureOf(error);
      await this.stop(this.server.config.killTimeoutMs);
      throw new RuntimeFailure(failure.reason, this.redactor.redact(failure.message), this.redactor.redactDeep(failure.details));
    }
  }

  /** One connect attempt: a new session, a process or connection, and the handshake by `deadline`. */
  private async connect(negotiation: VersionNegotiationOptions, deadline: number): Promise<Transport> {
    this.session = new McpSession({
      negotiation,
      onCatalogChange: (change) => {
        if (change.kind === 'tools') {
          this.taskTools = taskToolsOf(change.items);
        }
        this.hooks.onCatalogChange({
          kind: change.kind,
          items: this.redactor.redactDeep(change.items),
        });
      },
      onError: () => undefined,
      onResourceUpdated: (uri) => this.hooks.onResourceUpdated(this.redactor.redact(uri)),
      onLogMessage: (message) => this.hooks.onLog({ stream: 'mcp', level: message.level, line: this.redactor.redact(logText(message)) }),
    });
    const transport = this.server.transport === 'stdio' ? await this.spawn() : await this.remoteTransport();
    await this.connectWithin(transport, Math.max(1000, deadline - Date.now()));
    return transport;
  }

  /** The probe ended the process before it said anything in MCP: worth one legacy start. */
  private probeEndedProcess(negotiation: VersionNegotiationOptions): boolean {
    const child = this.process?.child;
    return (
      probes(negotiation) &&
      this.server.transport === 'stdio' &&
      !this.stopping &&
      !this.garbage &&
      child?.pid !== undefined &&
      (child.exitCode !== null || child.signalCode !== null) &&
      this.stdout?.sawMessage === false
    );
  }

  /**
   * A tool call. A 2026-07-28 answer of `resultType: 'input_required'` is handed back as it came
   * (the fleet answers no elicitation, sampling or roots itself): the caller sends the call again
   * with `input` (its `inputResponses` and the echoed `requestState`).
   */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    timeoutMs: number,
    options: UpstreamOptions & { input?: ToolCallInput } = {},
  ): Promise<Record<string, unknown>> {
    const { signal } = options;
    const onprogress = this.redactedProgress(options);
    if (!this.session) {
      throw new Error('Not connected');
    }
    try {
      const client = this.session.client;
      const task = { timeoutMs, signal, onProgress: onprogress };
      const result =
        this.taskTools.has(name) && client.getProtocolEra() !== 'modern'
          ? await this.tracked(callToolAsTask(client, name, args, task))
          : await this.tracked(
              this.settled(
                client.callTool(
                  { name, arguments: args, ...options.input },
                  { timeout: timeoutMs, signal, onprogress, resetTimeoutOnProgress: onprogress !== undefined, allowInputRequired: true },
                ),
                task,
              ),
            );
      return this.redactor.redactDeep(result);
    } catch (error) {
      if (signal?.aborted) {
        throw new UpstreamCancelledError();
      }
      throw this.redactedError(error);
    }
  }

  async request(request: UpstreamRequest, timeoutMs: number, options: UpstreamOptions = {}): Promise<Record<string, unknown>> {
    if (!this.session) {
      throw new Error('Not connected');
    }
    try {
      const onprogress = this.redactedProgress(options);
      const result = await this.tracked(
        this.settled(
          this.session.client.request(request, PASSTHROUGH, {
            timeout: timeoutMs,
            signal: options.signal,
            onprogress,
            resetTimeoutOnProgress: options.onProgress !== undefined,
            // A front door passes an `input_required` answer on: its client answers it.
            allowInputRequired: true,
          }),
          { timeoutMs, signal: options.signal, onProgress: onprogress },
        ),
      );
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

  /** The answer, or, when the server answered with a 2026 task handle, the task's outcome (polled within what is left of the timeout). */
  private async settled(answer: Promise<Record<string, unknown>>, task: TaskCallOptions): Promise<Record<string, unknown>> {
    const begun = Date.now();
    const result = await answer;
    const handle = taskHandleOf(result);
    const client = this.session?.client;
    if (!handle || !client) {
      return result;
    }
    return settleTask(client, handle, { ...task, timeoutMs: Math.max(1, task.timeoutMs - (Date.now() - begun)) });
  }

  /** A request under way: a stop lets it finish (up to its drain bound) before it closes the session. */
  private tracked<T>(request: Promise<T>): Promise<T> {
    this.inFlight.add(request);
    const forget = () => this.inFlight.delete(request);
    request.then(forget, forget);
    return request;
  }

  /** Resolves once no request is under way, the process is gone, or `capMs` passed. */
  private async drained(capMs: number): Promise<void> {
    if (this.inFlight.size === 0 || !this.alive) {
      return;
    }
    const settled = Promise.allSettled([...this.inFlight]).then(() => undefined);
    const ended = this.ended.then(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, capMs)));
    await Promise.race([settled, ended, cap]).finally(() => clearTimeout(timer));
  }

  /** Progress as the caller may see it: its message is the server's text, so it is redacted. */
  private redactedProgress(options: UpstreamOptions): ((progress: UpstreamProgress) => void) | undefined {
    const listener = options.onProgress;
    return (
      listener &&
      ((progress) => listener(progress.message === undefined ? progress : { ...progress, message: this.redactor.redact(progress.message) }))
    );
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
    // New requests are refused from here (a retryable answer); those under way may finish first.
    await this.drained(Math.min(MAX_DRAIN_MS, killTimeoutMs));
    this.remote?.closing();
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
    const env = childEnvironment(process.env, this.secrets.env);
    const problem = launchProblem(config.command ?? '', config.cwd, env['PATH']);
    if (problem) {
      throw new RuntimeFailure('SPAWN_FAILED', `Could not start ${config.command}: ${problem.message} (${problem.errno})`, {
        command: config.command,
        cwd: config.cwd ?? null,
        errno: problem.errno,
      });
    }
    const child = new StdioProcess(
      {
        command: config.command ?? '',
        args: config.args ?? [],
        env,
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
    const pgid = child.pid;
    this.hooks.watch(pgid);
    await this.hooks.onProcess(pgid, child.startTicks());
    void child.exited.then((exit) => {
      if (this.process !== child) {
        this.hooks.forget(pgid); // a process replaced during the start (the legacy fallback)
      } else if (!this.starting) {
        this.exitedWhileRunning(exit);
      }
      // During the start, the start decides: a failure, or a fresh process (the legacy fallback).
      void this.forgetOnceEmpty(pgid);
    });
    this.stdout = new ChildStdioTransport(child, {
      onNoise: (line) => this.onNoise(line),
      onGarbage: (garbage) => this.onGarbage(garbage),
    });
    return this.stdout;
  }

  /**
   * The watchdog keeps a group while it has members (a crashed server's children are still ours),
   * and not a moment longer: the id of an empty group is free, and the kernel hands it to the next
   * process (of another replica, or of anyone on the host), which a self-fence or the watchdog's
   * last act after a crash of the API would then signal.
   */
  private async forgetOnceEmpty(pgid: number): Promise<void> {
    while (!(await waitForGroupExit(pgid, 60_000))) {
      // members left: keep watching them
    }
    this.hooks.forget(pgid);
  }

  private remoteTransport(): Promise<Transport> {
    this.remote = new RemoteLink(this.server, this.secrets.headers, this.policy.url, {
      onSessionRenewed: (why) =>
        this.hooks.onLog({ stream: 'mcp', level: 'warning', line: `Started a new MCP session: ${this.redactor.redact(why)}` }),
    });
    return this.remote.open();
  }

  /** The remote server is gone: the run ends (unexpectedly) and its connection is closed without a DELETE. */
  private disconnected(reason: string): void {
    this.finish({ code: null, signal: null }, 'CONNECTION_LOST', reason);
    void this.session?.close();
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
    if (this.noise.lines > 0 && this.stdout?.sawMessage === false) {
      // Silence in MCP with text on stdout: the text is the better reason.
      const sample = this.redactor.redact(this.noise.first.slice(0, 4096)).slice(0, 200);
      return new RuntimeFailure(
        'PROTOCOL_ERROR',
        `The server wrote ${this.noise.lines} line(s) to stdout that are not MCP and never answered in MCP: ${JSON.stringify(sample)}`,
        { lastStderr: this.lastStderr(), stdoutNoiseLines: this.noise.lines },
      );
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
    const failure = remoteFailure(error, this.server.config.url);
    if (failure.reason === 'HTTP_ERROR' && this.server.config.url) {
      const answers = await otherTransportAnswering(new URL(this.server.config.url), this.secrets.headers, this.server.transport);
      if (answers) {
        return new RuntimeFailure(
          'WRONG_TRANSPORT',
          `This URL answers ${TRANSPORT_NAMES[answers]}, not ${TRANSPORT_NAMES[this.server.transport]}: use transport ${answers} (${failure.message})`,
          { ...failure.details, configured: this.server.transport, suggestedTransport: answers },
        );
      }
    }
    return failure;
  }

  /** Redacted before it is cut, so no piece of a secret survives at the cut. */
  private garbageMessage(): string {
    const sample = this.redactor.redact((this.garbage?.sample ?? '').slice(0, 4096));
    return `The server wrote something that is not MCP to stdout: ${JSON.stringify(sample.slice(0, 200))}`;
  }

  private exitedWhileRunning(exit: ProcessExit): void {
    if (this.garbage) {
      this.finish(exit, 'PROTOCOL_ERROR', this.garbageMessage());
    } else {
      this.finish(exit, 'EXITED', exitMessage(exit));
    }
  }

  /** A line on stdout that is not MCP: a warning in the log (rate-limited there), the run goes on. */
  private onNoise(line: string): void {
    this.noise.lines += 1;
    if (this.noise.lines === 1) {
      this.noise.first = line.slice(0, 4096);
    }
    const capped = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
    this.hooks.onLog({ stream: 'stdout', level: 'warning', line: capped });
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

const TRANSPORT_NAMES: Record<ServerTransport, string> = { stdio: 'stdio', 'streamable-http': 'Streamable HTTP', sse: 'SSE' };

function taskToolsOf(tools: Record<string, unknown>[]): Set<string> {
  return new Set(tools.filter(requiresTask).map((tool) => String(tool['name'])));
}

function exitMessage(exit: ProcessExit): string {
  return exit.signal ? `The process was killed by ${exit.signal}` : `The process exited with code ${exit.code ?? 'unknown'}`;
}

/** One line for the log: `logger: data`, data as text or JSON. */
function logText(message: McpLogMessage): string {
  const data = typeof message.data === 'string' ? message.data : JSON.stringify(message.data);
  return message.logger ? `${message.logger}: ${data}` : data;
}
