import { Injectable } from '@nestjs/common';

import type { ServerRun } from './server-run';

/**
 * The runs this API instance holds now, by server: those whose start is under way and those
 * supervised after a completed handshake. Written by the supervisor only; read by the tool-call
 * path, the resource sampler and the reconciler.
 */
@Injectable()
export class RunningServers {
  private readonly runs = new Map<string, { run: ServerRun; started: boolean }>();

  /** The run of a server, started or still starting. */
  runOf(serverId: string): ServerRun | undefined {
    return this.runs.get(serverId)?.run;
  }

  /** The run of a server, once its handshake completed. */
  startedRunOf(serverId: string): ServerRun | undefined {
    const entry = this.runs.get(serverId);
    return entry?.started ? entry.run : undefined;
  }

  /** The runs that completed their handshake. */
  started(): ServerRun[] {
    return [...this.runs.values()].filter((entry) => entry.started).map((entry) => entry.run);
  }

  /** The runs whose start is still under way. */
  starting(): ServerRun[] {
    return [...this.runs.values()].filter((entry) => !entry.started).map((entry) => entry.run);
  }

  serverIds(): string[] {
    return [...this.runs.keys()];
  }

  beginStart(run: ServerRun): void {
    this.runs.set(run.server.id, { run, started: false });
  }

  markStarted(run: ServerRun): void {
    if (this.runs.get(run.server.id)?.run === run) {
      this.runs.set(run.server.id, { run, started: true });
    }
  }

  /** Whether `run` is still the server's current run (not replaced, not ended). */
  isCurrent(run: ServerRun): boolean {
    return this.runs.get(run.server.id)?.run === run;
  }

  /** Forgets the run, unless another has replaced it meanwhile. */
  remove(run: ServerRun): void {
    if (this.isCurrent(run)) {
      this.runs.delete(run.server.id);
    }
  }
}
