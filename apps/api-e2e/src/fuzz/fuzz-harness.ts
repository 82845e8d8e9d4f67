import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { ADMIN, fixture, http, type HttpResult, usePidJanitor } from '@mcp-fleet/api/shared/testing';
import type { CommandResult, LoginResponse, McpServer, User } from '@mcp-fleet/shared/contracts';

import { type ApiInstance, useRestartableApi } from '../support/restartable-api';
import type { CaseContext } from './build-request';
import type { Persona, RefKey } from './fuzz-case';
import type { OpenApiDocument } from './openapi';
import type { FixtureFacts } from './value-hints';

const VIEWER = {
  email: 'fuzz-viewer@example.com',
  password: 'fuzz-viewer-password-1',
};
const TARGET = {
  email: 'fuzz-target@example.com',
  password: 'fuzz-target-password-1',
};

/** The accounts behind the token variables of a reproduction. */
export const FUZZ_ACCOUNTS = { ADMIN_TOKEN: ADMIN, VIEWER_TOKEN: VIEWER };

export interface FuzzHarness {
  readonly url: string;
  readonly facts: FixtureFacts;
  readonly context: CaseContext;
  readonly document: OpenApiDocument;
  /** Credentials by the shell variable a reproduction uses for them. */
  tokens(): Record<string, string>;
  /** Before an operation: an answering, ready API, valid sessions and fixtures in their expected state. */
  prepare(): Promise<string[]>;
  /** After an operation: why the API is not fine any more, if it is not. */
  stillAnswering(): Promise<string | undefined>;
  /** After a case that got no answer: waits for the API, or restarts it so the run can go on. */
  recover(): Promise<void>;
  /** The API's log lines that mention `text` (a correlation id), across restarts. */
  readonly logLines: (text: string) => string[];
}

/**
 * The API the fuzzer talks to, for the current test file. Fuzzed requests may register servers
 * and start them, so the API runs with settings that keep that harmless and fast:
 * - `STDIO_ALLOWED_COMMANDS` is one wrapper script that runs the well-behaved fixture server and
 *   ignores its arguments: no fuzzed command line runs anything else.
 * - `ALLOW_PRIVATE_URLS=false`: no remote server can point at the API itself or its database;
 *   the hints only produce `.invalid` host names, which never resolve.
 * - `LOGIN_MAX_FAILURES_PER_IP` at its maximum: fuzzed sign-ins (all from 127.0.0.1) must not lock
 *   the admin and the viewer out. The per-account limit stays, and the target user meets it.
 * - long-lived access tokens, so a long `FUZZ_RUNS` does not outlive the sessions.
 * The admin's and the viewer's accounts are never a fuzzed path id (see value-hints.ts), so no case
 * can disable, demote or reset them; `prepare` signs them in again if their token stops working.
 * An operation that leaves the API hung or broken gets it restarted (same database), so one bug
 * does not hide the others.
 */
export function useFuzzHarness(): FuzzHarness {
  const scratch = mkdtempSync(join(tmpdir(), 'mcp-fleet-fuzz-'));
  const stdioCommand = join(scratch, 'fuzz-mcp-server.mjs');
  writeFileSync(
    stdioCommand,
    `#!${process.execPath}\nprocess.argv.splice(2);\nawait import(${JSON.stringify(pathToFileURL(fixture('v2-server.mjs')).href)});\n`,
  );
  chmodSync(stdioCommand, 0o755);

  const instances: ApiInstance[] = [];
  let api: ApiInstance | undefined;
  let document: OpenApiDocument | undefined;
  let needsRestart: string | undefined;
  const sessions: Record<Exclude<Persona, 'anonymous'>, string> = {
    admin: '',
    viewer: '',
  };
  const fixtures: Record<Exclude<RefKey, 'server.version'>, string> = {
    'server.live': '',
    'server.idle': '',
    'user.target': '',
    'token.seeded': '',
  };
  let serial = 0;

  const current = (): ApiInstance => {
    if (!api) {
      throw new Error('The API under test is not running');
    }
    return api;
  };
  const asAdmin = <T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> =>
    http<T>(current().url, method, path, body, {
      authorization: `Bearer ${sessions.admin}`,
    });
  const login = async (credentials: { email: string; password: string }): Promise<string> => {
    const response = await http<LoginResponse>(current().url, 'POST', '/api/auth/login', credentials);
    if (response.status !== 200) {
      throw new Error(`Sign-in as ${credentials.email} failed with ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body.accessToken;
  };
  const answers = async (path: string, withinMs: number): Promise<boolean> => {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${current().url}${path}`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.status === 200) {
          return true;
        }
      } catch {
        // not answering yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
  };

  afterAll(async () => {
    // Before the restartable API's own cleanup: a hung API never handles the SIGTERM it sends.
    if (api && !(await answers('/health', 2000))) {
      await api.kill('SIGKILL');
    }
    rmSync(scratch, { recursive: true, force: true });
  });
  const restartable = useRestartableApi({
    STDIO_ALLOWED_COMMANDS: stdioCommand,
    ALLOW_PRIVATE_URLS: 'false',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
  usePidJanitor().trackMarker(stdioCommand);

  const boot = async () => {
    api = await restartable.boot();
    instances.push(api);
    sessions.admin = await login(ADMIN);
    sessions.viewer = await login(VIEWER).catch(() => '');
  };
  const restart = async (why: string): Promise<string> => {
    await api?.kill('SIGKILL');
    await boot();
    needsRestart = undefined;
    return `restarted the API (${why})`;
  };

  const registerServer = async (role: 'live' | 'idle'): Promise<string> => {
    serial += 1;
    const created = await asAdmin<McpServer>('POST', '/api/mcp/servers', {
      name: `fuzz-${role}-${serial}`,
      transport: 'stdio',
      config: { command: stdioCommand },
    });
    if (created.status !== 201) {
      throw new Error(`Registering the ${role} fixture server failed with ${created.status}: ${JSON.stringify(created.body)}`);
    }
    return created.body.id;
  };
  /** The fixture server, registered anew when a fuzzed request deleted it or changed what it runs. */
  const ensureServer = async (key: 'server.live' | 'server.idle', running: boolean, attempt = 1): Promise<void> => {
    let server = fixtures[key] ? await asAdmin<McpServer>('GET', `/api/mcp/servers/${fixtures[key]}`) : undefined;
    if (!server || server.status !== 200 || server.body.transport !== 'stdio' || server.body.config.command !== stdioCommand) {
      fixtures[key] = await registerServer(running ? 'live' : 'idle');
      server = await asAdmin<McpServer>('GET', `/api/mcp/servers/${fixtures[key]}`);
    }
    const id = fixtures[key];
    if (server.body.state === 'maintenance') {
      await asAdmin('POST', `/api/mcp/servers/${id}/maintenance/exit`);
    }
    if (running && server.body.state !== 'running') {
      const started = await asAdmin<CommandResult>('POST', `/api/mcp/servers/${id}/start`);
      if (!started.body.success && attempt > 1) {
        throw new Error(`The ${key} fixture server does not start: ${JSON.stringify(started.body)}`);
      }
      if (!started.body.success) {
        fixtures[key] = '';
        await ensureServer(key, running, attempt + 1);
      }
    }
    if (!running && ['running', 'starting'].includes(server.body.state)) {
      await asAdmin('POST', `/api/mcp/servers/${id}/stop`);
    }
  };

  beforeAll(async () => {
    await boot();
    const viewer = await asAdmin<User>('POST', '/api/mcp/users', {
      ...VIEWER,
      role: 'viewer',
    });
    const target = await asAdmin<User>('POST', '/api/mcp/users', {
      ...TARGET,
      role: 'operator',
    });
    const token = await asAdmin<{ id: string }>('POST', '/api/mcp/api-tokens', {
      name: 'fuzz-seeded',
      permissions: ['mcp:view_servers'],
    });
    if (viewer.status !== 201 || target.status !== 201 || token.status !== 201) {
      throw new Error(`Creating the fuzz fixtures failed: ${JSON.stringify([viewer.body, target.body, token.body])}`);
    }
    sessions.viewer = await login(VIEWER);
    fixtures['user.target'] = target.body.id;
    fixtures['token.seeded'] = token.body.id;
    const served = await http<OpenApiDocument>(current().url, 'GET', '/api/docs-json');
    if (served.status !== 200) {
      throw new Error(`GET /api/docs-json answered ${served.status}`);
    }
    document = served.body;
  }, 120_000);

  return {
    get url() {
      return current().url;
    },
    get document() {
      if (!document) {
        throw new Error('The OpenAPI document has not been fetched');
      }
      return document;
    },
    facts: {
      stdioCommand,
      targetEmail: TARGET.email,
      targetPassword: TARGET.password,
    },
    context: {
      authorization: (persona) => (persona === 'anonymous' ? undefined : `Bearer ${sessions[persona]}`),
      fixtureId: (key) => fixtures[key],
      serverVersion: async (id) => {
        const server = await asAdmin<McpServer>('GET', `/api/mcp/servers/${encodeURIComponent(id)}`).catch(() => undefined);
        return server?.status === 200 ? server.body.version : 1;
      },
    },
    tokens: () => ({
      ADMIN_TOKEN: sessions.admin,
      VIEWER_TOKEN: sessions.viewer,
    }),
    async prepare() {
      const notes: string[] = [];
      if (needsRestart || !(await answers('/health', 3000))) {
        notes.push(await restart(needsRestart ?? '/health did not answer'));
      }
      if (!(await answers('/ready', 5000))) {
        notes.push(await restart('/ready did not answer 200'));
      }
      for (const persona of ['admin', 'viewer'] as const) {
        const me = await http(current().url, 'GET', '/api/auth/me', undefined, {
          authorization: `Bearer ${sessions[persona]}`,
        });
        if (me.status === 401) {
          sessions[persona] = await login(persona === 'admin' ? ADMIN : VIEWER);
          notes.push(`signed the ${persona} in again`);
        }
      }
      await ensureServer('server.idle', false);
      await ensureServer('server.live', true);
      return notes;
    },
    async stillAnswering() {
      if (!(await answers('/health', 10_000))) {
        needsRestart = 'it stopped answering /health';
        return 'the API stopped answering: GET /health got no 200 within 10 s after this operation';
      }
      if (!(await answers('/ready', 10_000))) {
        needsRestart = 'it was not ready';
        return 'the API is no longer ready: GET /ready got no 200 within 10 s after this operation';
      }
      return undefined;
    },
    async recover() {
      if (!(await answers('/health', 15_000))) {
        await restart('a case left it unanswering');
      }
    },
    logLines: (text) =>
      instances
        .flatMap((instance) => instance.output().split('\n'))
        .filter((line) => line.includes(text))
        .map((line) => (line.length > 2000 ? `${line.slice(0, 2000)}…` : line)),
  };
}
