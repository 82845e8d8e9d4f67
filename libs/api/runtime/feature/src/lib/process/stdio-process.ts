import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

import { processStartTicks } from './proc';

/** Present on Debian/Ubuntu (util-linux): makes the kernel SIGKILL the child when the API dies. */
const SETPRIV = '/usr/bin/setpriv';
const HAS_SETPRIV = process.platform === 'linux' && existsSync(SETPRIV);
/** Longer stderr lines are cut here. */
export const MAX_LINE = 4096;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StdioLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

/**
 * One stdio server process: spawned without a shell, leader of its own process group, with an
 * explicit environment. stdout carries MCP; stderr is split into capped lines for the log.
 */
export class StdioProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<ProcessExit>;
  /** stderr has ended: its last lines have been read (Node may report the exit before that). */
  readonly stderrDone: Promise<void>;
  /** Set when the spawn itself failed (no such command, not executable). */
  spawnError: Error | undefined;
  private partial = '';

  constructor(launch: StdioLaunch, onStderrLine: (line: string) => void) {
    const [file, args] = HAS_SETPRIV
      ? [SETPRIV, ['--pdeathsig', 'KILL', '--', launch.command, ...launch.args]]
      : [launch.command, launch.args];
    this.child = spawn(file, args, {
      cwd: launch.cwd,
      env: launch.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.spawnError = error;
        if (this.child.pid === undefined) {
          resolve({ code: null, signal: null });
        }
      });
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    // EPIPE when the server is gone; the exit tells the story.
    this.child.stdin.on('error', () => undefined);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => this.splitLines(chunk, onStderrLine));
    this.stderrDone = new Promise((resolve) => {
      this.child.stderr.once('close', () => resolve());
      this.child.stderr.once('end', () => {
        if (this.partial) {
          onStderrLine(this.partial);
          this.partial = '';
        }
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The process start time, to recognise this process after a crash of the API. */
  startTicks(): string | null {
    return this.pid === undefined ? null : processStartTicks(this.pid);
  }

  private splitLines(chunk: string, emit: (line: string) => void): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > MAX_LINE) {
      emit(`${this.partial.slice(0, MAX_LINE)}…`);
      this.partial = '';
    }
    for (const line of lines) {
      emit(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line.replace(/\r$/, ''));
    }
  }
}
