import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

import { type ApiClient, fixture, type HttpResult } from '@mcp-fleet/api/shared/testing';
import type { CommandResult, EventPage, FleetEvent, LifecycleCommand, McpServer } from '@mcp-fleet/shared/contracts';

// Paths and process helpers are shared with the console e2e tests; the API e2e specs keep importing them from here.
export {
  alive,
  fixture,
  isAlive,
  pidsInFile,
  processesWithArg,
  REPO_ROOT,
  SERVER_EVERYTHING,
  usePidJanitor,
} from '@mcp-fleet/api/shared/testing';

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
export function command<T = CommandResult>(
  client: ApiClient,
  serverId: string,
  which: LifecycleCommand,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  return client.post<T>(`/api/mcp/servers/${serverId}/${COMMAND_PATHS[which]}`, undefined, headers);
}

/** A lifecycle command that must be accepted (200); returns its command result. */
export async function commandOk(
  client: ApiClient,
  serverId: string,
  which: LifecycleCommand,
  headers: Record<string, string> = {},
): Promise<CommandResult> {
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

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

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
