import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CommandResult, EventPage, FleetEvent, LifecycleCommand, McpServer } from '@mcp-fleet/shared/contracts';

import type { ApiClient } from './api-under-test';
import type { HttpResult } from './http';

/** The repository root (this file is apps/api-e2e/src/support/). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** Absolute path of a fixture server in tools/mcp-fixtures. */
export function fixture(file: string): string {
  return resolve(REPO_ROOT, 'tools/mcp-fixtures', file);
}

/** The reference server from the MCP project, run from node_modules over stdio. */
export const SERVER_EVERYTHING = resolve(REPO_ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

/** A fresh correlation id, sent as `x-correlation-id`, to find what one request caused. */
export function correlationId(label: string): string {
  return `${label}-${randomUUID()}`;
}

export function withCorrelation(id: string): Record<string, string> {
  return { 'x-correlation-id': id };
}

async function register(client: ApiClient, body: Record<string, unknown>): Promise<McpServer> {
  const response = await client.post<McpServer>('/api/mcp/servers', body);
  if (response.status !== 201) {
    throw new Error(`Registering ${String(body['name'])} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Registers a stdio server run as `node <args...>` (absolute paths, no shell). */
export function registerStdio(client: ApiClient, name: string, args: string[], config: Record<string, unknown> = {}): Promise<McpServer> {
  return register(client, { name, transport: 'stdio', config: { command: process.execPath, args, ...config } });
}

/** Registers a stdio fixture from tools/mcp-fixtures. */
export function registerFixture(
  client: ApiClient,
  name: string,
  file: string,
  fixtureArgs: string[] = [],
  config: Record<string, unknown> = {},
): Promise<McpServer> {
  return registerStdio(client, name, [fixture(file), ...fixtureArgs], config);
}

export function registerRemote(client: ApiClient, name: string, url: string, config: Record<string, unknown> = {}): Promise<McpServer> {
  return register(client, { name, transport: 'streamable-http', config: { url, ...config } });
}

const COMMAND_PATHS: Record<LifecycleCommand, string> = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  enter_maintenance: 'maintenance',
  exit_maintenance: 'maintenance/exit',
};

/** POSTs a lifecycle command and returns the raw answer (a command result, or an API error). */
export function command<T = CommandResult>(client: ApiClient, serverId: string, which: LifecycleCommand, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
  return client.post<T>(`/api/mcp/servers/${serverId}/${COMMAND_PATHS[which]}`, undefined, headers);
}

/** A lifecycle command that must be accepted (200); returns its command result. */
export async function commandOk(client: ApiClient, serverId: string, which: LifecycleCommand, headers: Record<string, string> = {}): Promise<CommandResult> {
  const response = await command(client, serverId, which, headers);
  if (response.status !== 200) {
    throw new Error(`${which} ${serverId} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Starts a server and requires it to be running. */
export async function startOk(client: ApiClient, serverId: string): Promise<CommandResult> {
  const result = await commandOk(client, serverId, 'start');
  if (!result.success || result.state !== 'running') {
    throw new Error(`Starting ${serverId} failed: ${JSON.stringify(result)}`);
  }
  return result;
}

export async function getServer(client: ApiClient, serverId: string): Promise<McpServer> {
  const response = await client.get<McpServer>(`/api/mcp/servers/${serverId}`);
  if (response.status !== 200) {
    throw new Error(`GET server ${serverId} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Every event matching `params`, oldest first, read page by page with `afterSeq`. */
export async function eventsWhere(client: ApiClient, params: Record<string, string | number> = {}): Promise<FleetEvent[]> {
  const events: FleetEvent[] = [];
  let afterSeq = 0;
  for (;;) {
    const query = new URLSearchParams(Object.entries({ ...params, afterSeq, limit: 1000 }).map(([k, v]) => [k, String(v)]));
    const response = await client.get<EventPage>(`/api/mcp/events?${query.toString()}`);
    if (response.status !== 200) {
      throw new Error(`GET /api/mcp/events?${query.toString()} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    events.push(...response.body.items);
    if (response.body.nextCursor === null) {
      return events;
    }
    afterSeq = response.body.nextCursor;
  }
}

/** Every event about one server, oldest first, optionally of some types only. */
export function serverEvents(client: ApiClient, serverId: string, ...types: string[]): Promise<FleetEvent[]> {
  return eventsWhere(client, types.length > 0 ? { serverId, type: types.join(',') } : { serverId });
}

/** The pid a `server.started` event reports. */
export function startedPid(event: FleetEvent): number {
  const pid = event.data['pid'];
  if (typeof pid !== 'number') {
    throw new Error(`server.started without a pid: ${JSON.stringify(event)}`);
  }
  return pid;
}

/**
 * Whether a process is alive: `kill(pid, 0)` succeeds and it is not a zombie (a zombie has
 * exited and only waits for its parent, which is not the API's business once it is reparented).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
      return false;
    }
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export const alive = (pids: number[]): number[] => pids.filter(isAlive);

/** The pids appended to a `grandchildren.mjs` pid file (self first, then its 2 children). */
export function pidsInFile(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(Number);
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Remembers every process a test file caused to exist and SIGKILLs whichever is still alive after
 * the file's last test (declare it after `useApi`, so this runs after the API has stopped). Pids
 * can be given directly, as a pid file (read at cleanup, so a test that failed before reading it
 * is covered) or as a marker argument (see `processesWithArg`). Processes are killed by pid only.
 */
export function usePidJanitor() {
  const pids = new Set<number>();
  const files = new Set<string>();
  const markers = new Set<string>();
  afterAll(() => {
    const all = new Set([...pids, ...[...files].flatMap(pidsInFile), ...[...markers].flatMap(processesWithArg)]);
    for (const pid of all) {
      if (isAlive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
  });
  return {
    track(...more: number[]): void {
      for (const pid of more) {
        pids.add(pid);
      }
    },
    trackPidFile(file: string): string {
      files.add(file);
      return file;
    },
    trackMarker(marker: string): string {
      markers.add(marker);
      return marker;
    },
  };
}

export interface RemoteFixture {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `v2-server.mjs http 0` and resolves with its URL once it prints `LISTENING <url>`. */
export function startRemoteFixture(timeoutMs = 30_000): Promise<RemoteFixture> {
  const child = spawn(process.execPath, [fixture('v2-server.mjs'), 'http', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`v2-server http did not listen within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /LISTENING (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], process: child, stop });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`v2-server http exited before listening:\n${stderr}`));
    });
  });
}

/**
 * Pids of the live processes that have `marker` as one of their arguments. Give a server a
 * unique marker argument (fixtures ignore extra arguments) to find its process from outside.
 */
export function processesWithArg(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(marker) && isAlive(Number(entry))) {
        found.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
