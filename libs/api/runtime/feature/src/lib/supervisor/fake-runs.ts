import { randomUUID } from 'node:crypto';

import type { StoredCatalog } from '@mcp-fleet/api/runtime/data-access';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { Redactor } from '../domain/redactor';
import type { RunEnd, StopOutcome } from '../domain/run-end';
import { RuntimeFailure } from '../domain/runtime-failure';
import type { ServerRun } from '../run/server-run';
import type { RunHooks } from '../run/server-runtime';

/** How the next run of a server behaves; a test changes it between runs. */
export interface FakeBehaviour {
  /** The start fails with this reason. */
  failStart?: RuntimeFailure['reason'];
  /** Probes never answer (a hung server). */
  hung?: boolean;
  /** SIGTERM is ignored: the stop escalates after killTimeoutMs. */
  ignoresSigterm?: boolean;
}

/**
 * A run without a process, driven by the test: it starts (or fails to) at once, answers probes
 * unless hung, exits when told to, and takes killTimeoutMs to stop when it ignores SIGTERM, as
 * the real stop sequence does. For the supervisor's spec: its rules on a real database, in seconds.
 */
export class FakeRun implements ServerRun {
  readonly runId = randomUUID();
  readonly redactor = new Redactor([]);
  readonly ended: Promise<RunEnd>;
  readonly startedAtMs = Date.now();
  readonly pid = undefined;
  stopRequests = 0;
  private finish!: (end: RunEnd) => void;
  private over = false;

  constructor(
    readonly server: McpServer,
    private readonly behaviour: FakeBehaviour,
  ) {
    this.ended = new Promise((resolve) => (this.finish = resolve));
  }

  get isStopping(): boolean {
    return this.over;
  }

  get alive(): boolean {
    return !this.over;
  }

  start(): Promise<Omit<StoredCatalog, 'refreshedAt'>> {
    if (this.behaviour.failStart) {
      this.end({ expected: false, code: 1, reason: 'EXITED' });
      return Promise.reject(new RuntimeFailure(this.behaviour.failStart, 'The fake was told to fail its start', { exitCode: 1 }));
    }
    return Promise.resolve({
      serverId: this.server.id,
      protocolVersion: '2025-11-25',
      serverInfo: { name: 'fake' },
      capabilities: { tools: {} },
      tools: [{ name: 'echo' }],
      resources: [],
      prompts: [],
    });
  }

  /** The process exits by itself, as a crash does. */
  exit(code = 1): void {
    this.end({ expected: false, code, reason: 'EXITED' });
  }

  async stop(killTimeoutMs: number): Promise<StopOutcome> {
    this.stopRequests += 1;
    const escalated = this.behaviour.ignoresSigterm === true;
    if (escalated) {
      await new Promise((resolve) => setTimeout(resolve, killTimeoutMs));
    }
    this.end({ expected: true, code: escalated ? null : 0, reason: 'STOPPED', signal: escalated ? 'SIGKILL' : null });
    return { escalated, leftovers: false };
  }

  stderrDone(): Promise<void> {
    return Promise.resolve();
  }

  probe(timeoutMs: number): Promise<void> {
    return this.behaviour.hung
      ? new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs))
      : Promise.resolve();
  }

  callTool(): Promise<Record<string, unknown>> {
    return Promise.resolve({ content: [] });
  }

  request(): Promise<Record<string, unknown>> {
    return Promise.resolve({});
  }

  private end(end: Pick<RunEnd, 'expected' | 'code' | 'reason'> & { signal?: string | null }): void {
    if (this.over) {
      return;
    }
    this.over = true;
    this.finish({ signal: null, message: 'fake', uptimeMs: Date.now() - this.startedAtMs, lastStderr: [], ...end });
  }
}

/** The RuntimeFactory of the spec: every run it makes, and the behaviour of the next ones per server. */
export class FakeRuntimeFactory {
  readonly runs: FakeRun[] = [];
  readonly behaviour = new Map<string, FakeBehaviour>();

  create(server: McpServer, hooks: RunHooks): ServerRun {
    void hooks;
    const run = new FakeRun(server, this.behaviour.get(server.id) ?? {});
    this.runs.push(run);
    return run;
  }

  runsOf(serverId: string): FakeRun[] {
    return this.runs.filter((run) => run.server.id === serverId);
  }

  latest(serverId: string): FakeRun {
    const runs = this.runsOf(serverId);
    if (runs.length === 0) {
      throw new Error(`No run of ${serverId} yet`);
    }
    return runs[runs.length - 1];
  }
}
