/* eslint-disable no-console */
/**
 * Baseline for the MCP gateway: one tool call (`echo`) against the same stdio server through
 * every way of reaching it, in one run - the bare SDK client, mcp-fleet's REST tool call,
 * mcp-fleet's gateway (once it exists), mcp-proxy and supergateway - at 1, 8 and 32 concurrent
 * clients, in interleaved rounds so that drift of the machine's speed hits every path alike.
 *
 *   node -r @swc-node/register bench/gateway.ts [--quick]
 *
 * Exit code 0 when every path that can run here completed; 1 when a call failed or the setup did.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

// Types only: this process runs without the repository's path aliases (see lib/ingest.ts).
import type { CallToolResponse } from '@mcp-fleet/shared/contracts';

import { type ApiProcess, launchApi } from './lib/api-process';
import { type Authentication, signIn } from './lib/auth';
import { cleanUpOnSignals, CleanupStack, errorMessage } from './lib/cleanup';
import { adminUrlFromEnv, createThrowawayDatabase } from './lib/database';
import { launchHttpFloor, launchPeer, type PeerName } from './lib/gateway-peers';
import { type GatewayReport, type GatewaySettings, type PathSamples, renderMarkdown, summarizePaths } from './lib/gateway-report';
import { InPlaceStdioTransport, sessionClient } from './lib/mcp-client';
import { describeBuild, describeMachine } from './lib/report';
import { summarizeLatency } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
const FIXTURE = join(ROOT, 'tools', 'mcp-fixtures', 'v2-server.mjs');
const RESULTS_DIR = join(__dirname, 'results');
const SERVER_NAME = 'gateway-bench';
const LEVELS = [1, 8, 32];
const OPEN_CONCURRENCY = 4;
/** As the SDK's default request timeout, which the MCP paths get. */
const CALL_TIMEOUT_MS = 60_000;
const DIRECT_MODERN = 'direct';
const DIRECT_LEGACY = 'direct-legacy';
const HTTP_HOW = 'Streamable HTTP with the SDK client, a 2025 session per client';

const FULL: GatewaySettings = { rounds: 5, callsPerCell: 640, warmupCalls: 5 };
const QUICK: GatewaySettings = { rounds: 2, callsPerCell: 64, warmupCalls: 1 };

/** One client of one path: its own session (or process, or HTTP connection). */
interface Caller {
  call(text: string): Promise<void>;
  close(): Promise<void>;
  protocol?: string;
}

/** A way to reach the server; `unavailable` says why it has no figures. */
interface Path extends PathSamples {
  open?: () => Promise<Caller>;
  callers: Caller[];
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const cleanup = new CleanupStack();
  cleanUpOnSignals(cleanup);
  try {
    return await benchmark(values.quick ? QUICK : FULL, Boolean(values.quick), cleanup);
  } finally {
    await cleanup.runAll();
  }
}

async function benchmark(settings: GatewaySettings, quick: boolean, cleanup: CleanupStack): Promise<number> {
  const build = await describeBuild(API_MAIN);
  // The hot path reads nothing from the database, so the embedded one is the default here.
  const database = process.env['DATABASE_URL']?.trim() ? await createThrowawayDatabase(adminUrlFromEnv(process.env)) : undefined;
  if (database) {
    cleanup.push('drop the database', () => database.drop());
  }
  const machine = describeMachine(database ? database.serverVersion : 'embedded (PGlite)');
  const api = await launchApi({ mainPath: API_MAIN, databaseUrl: database?.url, poolSize: undefined });
  cleanup.push('stop the API', () => api.stop());
  await api.waitUntilReady();
  const auth = await signIn(api.url, api.admin);
  const serverId = await startServer(api, auth);

  // Two direct clients: the 2026-07-28 era costs the client and the server more per call, and
  // each path is held against the direct client that speaks its own client's revision.
  const paths: Path[] = [
    path({
      id: DIRECT_MODERN,
      label: 'direct SDK client (stdio, auto)',
      how: 'one `node v2-server.mjs` per client, `versionNegotiation: auto` as the API',
      open: () => openStdio('auto'),
    }),
    path({
      id: DIRECT_LEGACY,
      label: 'direct SDK client (stdio, legacy)',
      how: 'one `node v2-server.mjs` per client, the 2025 `initialize` session',
      open: () => openStdio('legacy'),
    }),
    path({
      id: 'rest',
      label: 'mcp-fleet REST tool call',
      how: "`POST /api/mcp/servers/:id/tools/echo/call`, bearer token; one server process, held against the API's own client (auto)",
      baseline: DIRECT_MODERN,
      open: () => openRest(api, auth, serverId),
    }),
    await gatewayPath(api, auth),
  ];
  // The floor under every HTTP path: the SDK client over HTTP to an endpoint that does nothing.
  try {
    const floor = await launchHttpFloor(ROOT);
    cleanup.push('stop the HTTP floor', () => floor.stop());
    paths.push(
      path({
        id: 'http-floor',
        label: 'HTTP floor (an endpoint that answers at once, no server behind)',
        how: `${HTTP_HOW}; \`bench/lib/http-floor-server.mjs\`: what any HTTP gateway pays before doing anything`,
        baseline: DIRECT_LEGACY,
        open: () => openHttp(floor.url),
      }),
    );
  } catch (error) {
    paths.push(path({ id: 'http-floor', label: 'HTTP floor', how: HTTP_HOW, unavailable: `could not start: ${errorMessage(error)}` }));
  }
  const peers = [];
  for (const name of ['mcp-proxy', 'supergateway'] as PeerName[]) {
    try {
      const peer = await launchPeer(ROOT, name, [process.execPath, FIXTURE]);
      cleanup.push(`stop ${name}`, () => peer.stop());
      peers.push({ name, version: peer.version, commandLine: peer.commandLine });
      const upstream = name === 'mcp-proxy' ? 'one upstream process for every session' : 'one child process per session';
      paths.push(
        path({
          id: name,
          label: `${name} ${peer.version} (stateful)`,
          how: `${HTTP_HOW}; ${upstream}`,
          baseline: DIRECT_LEGACY,
          open: () => openHttp(peer.url),
        }),
      );
    } catch (error) {
      paths.push(path({ id: name, label: name, how: HTTP_HOW, unavailable: `could not start: ${errorMessage(error)}` }));
    }
  }

  const most = Math.max(...LEVELS);
  for (const p of paths.filter((p) => p.open)) {
    console.log(`Opening ${most} clients: ${p.label}...`);
    cleanup.push(`close ${p.label}`, () => closeAll(p.callers));
    await attempt(p, async () => {
      await openMany(p.open as () => Promise<Caller>, most, p.callers);
      p.protocol ??= p.callers[0].protocol;
    });
  }
  const rest = paths.find((p) => p.id === 'rest') as Path;
  rest.protocol = `API ↔ server ${await catalogProtocol(api, auth, serverId)}`;

  for (let round = 0; round < settings.rounds; round++) {
    for (const clients of LEVELS) {
      // Rotating the order too, so no path always runs first (or right after the slowest).
      const live = paths.filter((p) => p.callers.length > 0 && !p.failed);
      const order = live.map((_, n) => live[(n + round + clients) % live.length]);
      console.log(`Round ${round + 1}/${settings.rounds}, ${clients} client(s): ${order.map((p) => p.id).join(', ')}`);
      for (const p of order) {
        await attempt(p, () => measureCell(p, clients, settings));
      }
    }
  }

  const report: GatewayReport = {
    benchmark: 'gateway',
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine,
    build,
    database: database ? `PostgreSQL ${database.serverVersion} (throwaway database)` : 'embedded PostgreSQL (PGlite, DATABASE_URL unset)',
    settings: { ...settings, levels: LEVELS, server: 'node tools/mcp-fixtures/v2-server.mjs', tool: 'echo' },
    peers,
    paths: summarizePaths(paths, LEVELS),
  };
  const markdown = renderMarkdown(report);
  console.log(`\n${markdown}`);
  await writeFile(join(RESULTS_DIR, 'gateway.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(RESULTS_DIR, 'gateway.md'), markdown);
  return paths.some((p) => p.failed) ? 1 : 0;
}

function path(spec: Pick<Path, 'id' | 'label' | 'how' | 'open' | 'baseline' | 'unavailable'>): Path {
  return { ...spec, callers: [], samples: new Map(), roundP50s: new Map(), measuredMs: new Map() };
}

/** Registers the fixture and starts it; the REST path and the gateway call this one process. */
async function startServer(api: ApiProcess, auth: Authentication): Promise<string> {
  const headers = { ...auth.headers, 'content-type': 'application/json' };
  const registered = await fetch(`${api.url}/api/mcp/servers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: SERVER_NAME, transport: 'stdio', config: { command: process.execPath, args: [FIXTURE] } }),
  });
  const body = (await registered.json()) as { id?: string };
  if (registered.status !== 201 || !body.id) {
    throw new Error(`Registering the fixture answered ${registered.status}: ${JSON.stringify(body)}`);
  }
  const started = await fetch(`${api.url}/api/mcp/servers/${body.id}/start`, { method: 'POST', headers: auth.headers });
  const result = (await started.json()) as { success?: boolean };
  if (!started.ok || !result.success) {
    throw new Error(`Starting the fixture answered ${started.status}: ${JSON.stringify(result)}`);
  }
  return body.id;
}

/** The protocol revision the API negotiated with the server (what the REST path speaks upstream). */
async function catalogProtocol(api: ApiProcess, auth: Authentication, serverId: string): Promise<string> {
  const response = await fetch(`${api.url}/api/mcp/servers/${serverId}/tools`, { headers: auth.headers });
  return ((await response.json()) as { protocolVersion?: string }).protocolVersion ?? 'unknown';
}

/** The gateway does not exist yet: a 404 on its route means "not built", anything else is measured. */
async function gatewayPath(api: ApiProcess, auth: Authentication): Promise<Path> {
  const url = `${api.url}/mcp/${SERVER_NAME}`;
  const probe = await fetch(url, {
    method: 'POST',
    headers: { ...auth.headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'mcp-fleet-bench', version: '0.1.0' } },
    }),
  });
  await probe.arrayBuffer();
  return path({
    id: 'gateway',
    label: `mcp-fleet gateway (/mcp/${SERVER_NAME})`,
    how: `${HTTP_HOW}, bearer token`,
    baseline: DIRECT_LEGACY,
    ...(probe.status === 404
      ? { unavailable: 'not built yet (POST /mcp/<name> answers 404)' }
      : { open: () => openHttp(url, auth.headers) }),
  });
}

async function openStdio(mode: 'auto' | 'legacy'): Promise<Caller> {
  const client = sessionClient(mode);
  const transport = new InPlaceStdioTransport({ command: process.execPath, args: [FIXTURE], stderr: 'pipe' });
  transport.stderr?.on('data', () => undefined);
  await client.connect(transport);
  return sdkCaller(client, () => client.close());
}

/** A 2025-era client: the era in which both peers keep a session per client (`--stateful`). */
async function openHttp(url: string, headers: Record<string, string> = {}): Promise<Caller> {
  const client = sessionClient('legacy');
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  // Ending the session lets supergateway stop that session's child.
  return sdkCaller(client, async () => {
    await transport.terminateSession().catch(() => undefined);
    await client.close();
  });
}

function sdkCaller(client: ReturnType<typeof sessionClient>, close: () => Promise<void>): Caller {
  return {
    protocol: client.getNegotiatedProtocolVersion(),
    close,
    call: async (text) => checkEcho(await client.callTool({ name: 'echo', arguments: { text } }), text),
  };
}

function openRest(api: ApiProcess, auth: Authentication, serverId: string): Promise<Caller> {
  const url = `${api.url}/api/mcp/servers/${serverId}/tools/echo/call`;
  const headers = { ...auth.headers, 'content-type': 'application/json' };
  return Promise.resolve({
    close: () => Promise.resolve(),
    call: async (text: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ arguments: { text } }),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const body: unknown = await response.json();
      if (!response.ok) {
        throw new Error(`REST tool call answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      checkEcho((body as CallToolResponse).result, text);
    },
  });
}

function checkEcho(result: unknown, text: string): void {
  const content = (result as { content?: { text?: unknown }[] }).content;
  if (content?.[0]?.text !== text) {
    throw new Error(`echo answered ${JSON.stringify(result).slice(0, 300)}`);
  }
}

/** Opens `count` clients into `callers`, a few at a time; those opened before a failure stay there, to be closed. */
async function openMany(open: () => Promise<Caller>, count: number, callers: Caller[]): Promise<void> {
  while (callers.length < count) {
    const batch = await Promise.allSettled(Array.from({ length: Math.min(OPEN_CONCURRENCY, count - callers.length) }, open));
    callers.push(...batch.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])));
    const failure = batch.find((outcome) => outcome.status === 'rejected');
    if (failure) {
      throw failure.reason;
    }
  }
}

async function closeAll(callers: Caller[]): Promise<void> {
  await Promise.all(callers.splice(0).map((caller) => caller.close().catch(() => undefined)));
}

/** `clients` callers at once, each its calls one after the other; only the measured calls are kept. */
async function measureCell(p: Path, clients: number, settings: GatewaySettings): Promise<void> {
  const callers = p.callers.slice(0, clients);
  for (let n = 0; n < settings.warmupCalls; n++) {
    await Promise.all(callers.map((caller, c) => caller.call(`warm-${c}-${n}`)));
  }
  const perClient = Math.ceil(settings.callsPerCell / clients);
  const samples: number[] = [];
  const begun = performance.now();
  await Promise.all(
    callers.map(async (caller, c) => {
      for (let n = 0; n < perClient; n++) {
        const sent = performance.now();
        await caller.call(`call-${c}-${n}`);
        samples.push(performance.now() - sent);
      }
    }),
  );
  p.measuredMs.set(clients, (p.measuredMs.get(clients) ?? 0) + performance.now() - begun);
  p.samples.set(clients, [...(p.samples.get(clients) ?? []), ...samples]);
  p.roundP50s.set(clients, [...(p.roundP50s.get(clients) ?? []), summarizeLatency(samples).p50]);
}

/** A path that fails keeps its figures so far and leaves the run; the others go on. */
async function attempt(p: Path, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    p.failed = errorMessage(error);
    console.error(`${p.label} failed: ${p.failed}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(errorMessage(error));
    process.exit(1);
  },
);
