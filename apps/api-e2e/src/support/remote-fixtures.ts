import { type ChildProcess, spawn } from 'node:child_process';

import { fixture } from '@mcp-fleet/api/shared/testing';

/** A fixture serving HTTP on a port of its own, which can be killed and started again on that port. */
export interface RestartableRemote {
  readonly url: string;
  readonly port: number;
  /** The process serving now (another one after `restart`). */
  readonly process: ChildProcess;
  /** SIGKILL: the server is gone at once, its connections reset. */
  kill(): Promise<void>;
  /** A new process on the same port (every session of the old one is lost). */
  start(): Promise<void>;
  /** kill, then start: a backend restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** What `session-server.mjs` says about its sessions (`GET /sessions`). */
export interface SessionCounts {
  live: number;
  opened: number;
  deleted: number;
  ids: string[];
}

/**
 * Starts `tools/mcp-fixtures/<file> <...args> <port>` (port 0 at first, the same port after a
 * restart) and resolves once it prints `LISTENING <url>`.
 */
export async function startRestartableRemote(file: string, args: string[] = []): Promise<RestartableRemote> {
  let child: ChildProcess;
  let url = '';
  let port = 0;
  const spawnOn = (onPort: number) =>
    new Promise<void>((ready, fail) => {
      const next = spawn(process.execPath, [fixture(file), ...args, String(onPort)], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = next;
      let stderr = '';
      const timer = setTimeout(() => fail(new Error(`${file} did not listen within 20 s:\n${stderr}`)), 20_000);
      next.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /LISTENING (http:\/\/\S+)/.exec(stderr);
        if (match && !url) {
          url = match[1];
          port = Number(new URL(url).port);
        }
        if (match) {
          clearTimeout(timer);
          ready();
        }
      });
      next.once('exit', () => {
        clearTimeout(timer);
        fail(new Error(`${file} exited before listening:\n${stderr}`));
      });
    });
  const kill = async () => {
    const current = child;
    if (current.exitCode === null && current.signalCode === null) {
      const exited = new Promise((done) => current.once('exit', done));
      current.kill('SIGKILL');
      await exited;
    }
  };
  await spawnOn(0);
  const remote: RestartableRemote = {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    get process() {
      return child;
    },
    kill,
    start: () => spawnOn(port),
    restart: async () => {
      await kill();
      await spawnOn(port);
    },
    stop: kill,
  };
  return remote;
}

/** The session counts of a `session-server.mjs` fixture. */
export async function sessionCounts(remote: RestartableRemote): Promise<SessionCounts> {
  const response = await fetch(new URL('/sessions', remote.url));
  return (await response.json()) as SessionCounts;
}
