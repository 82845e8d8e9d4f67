import { type ChildProcess, spawn } from 'node:child_process';

import { Injectable, Logger } from '@nestjs/common';

/**
 * The watchdog's source. It runs as its own process (own group, so a signal to the API's group
 * does not reach it), reads `+<pgid>` / `-<pgid>` lines from the API on stdin, and when stdin
 * ends (the API exited, even by SIGKILL) it sends SIGTERM and then SIGKILL to every group it was
 * told about, and exits. The direct child dies with the API already (`setpriv --pdeathsig`);
 * this reaches its grandchildren.
 *
 * Self-fencing: `d<ms>` arms a deadline (`d0` disarms it). When no newer deadline arrives in
 * time (the API is frozen, or cannot renew its leases), every group gets SIGTERM, then SIGKILL
 * 1.5 s later, and the watchdog goes on watching: the API's leases expire after the kill.
 */
const WATCHDOG_SOURCE = `
const groups = new Set();
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\\n')) >= 0) {
    const line = buffered.slice(0, newline).trim();
    buffered = buffered.slice(newline + 1);
    if (line[0] === 'd') {
      clearTimeout(deadline);
      const ms = Number(line.slice(1));
      if (Number.isFinite(ms) && ms > 0) deadline = setTimeout(fence, ms);
      continue;
    }
    const pgid = Number(line.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (line[0] === '+') groups.add(pgid); else if (line[0] === '-') groups.delete(pgid);
  }
});
const signal = (sig) => { for (const pgid of groups) { try { process.kill(-pgid, sig); } catch {} } };
let deadline;
const fence = () => {
  const fenced = [...groups];
  for (const pgid of fenced) { try { process.kill(-pgid, 'SIGTERM'); } catch {} }
  setTimeout(() => { for (const pgid of fenced) { try { process.kill(-pgid, 'SIGKILL'); } catch {} groups.delete(pgid); } }, 1500);
};
const finish = () => {
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(0); }, 1500);
};
process.stdin.on('end', finish);
process.stdin.on('error', finish);
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
`;

/** Keeps the watchdog told which process groups the supervisor owns. */
@Injectable()
export class Watchdog {
  private readonly logger = new Logger(Watchdog.name);
  private child: ChildProcess | undefined;
  /** The groups the watchdog was told to watch, as this side sent them. */
  private readonly groups = new Set<number>();

  start(): void {
    this.child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: process.env['PATH'] ?? '' },
    });
    this.child.on('error', (error) =>
      this.logger.error({ err: error }, 'The watchdog failed to start; children may outlive a crash of the API'),
    );
    this.child.stdin?.on('error', () => undefined);
    this.child.unref();
  }

  watch(pgid: number): void {
    this.groups.add(pgid);
    this.child?.stdin?.write(`+${pgid}\n`);
  }

  forget(pgid: number): void {
    this.groups.delete(pgid);
    this.child?.stdin?.write(`-${pgid}\n`);
  }

  /** The process groups a self-fence or a crash of the API would signal now. */
  get watched(): ReadonlySet<number> {
    return this.groups;
  }

  /** Kill every watched group unless told again within `ms` (0 disarms). */
  deadline(ms: number): void {
    this.child?.stdin?.write(`d${Math.max(0, Math.round(ms))}\n`);
  }

  /** A clean shutdown: the groups are already stopped, so the watchdog has nothing to do. */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}
