/* eslint-disable no-console */
/**
 * Benchmark of the lifecycle engine: bulk start and bulk stop of 100 stdio servers through the
 * built API, against the same processes started with the bare MCP SDK client, plus the API's
 * memory per running server. Several rounds, because a 2-core machine shared with other work
 * is noisy.
 *
 *   node -r @swc-node/register bench/lifecycle.ts [--quick]
 *
 * Exit code 0 when every round completed with trustworthy figures (targets met or not); 1 when
 * a start or stop failed, a process was left behind, an event was missing, or the setup failed.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

// Types only: this process runs without the repository's path aliases (see lib/ingest.ts).
import type { BulkOperationResponse, EventPage } from '@mcp-fleet/shared/contracts';

import { type ApiProcess, launchApi } from './lib/api-process';
import { signIn } from './lib/auth';
import { cleanUpOnSignals, CleanupStack, errorMessage } from './lib/cleanup';
import { type CpuProbe, type CpuShares, ownCpu, postgresBackendsCpu, startCpuWindow } from './lib/cpu';
import { adminUrlFromEnv, backendPids, createThrowawayDatabase, serverVersion } from './lib/database';
import { type BaselineLaunch, type BaselineSession, startBaseline, stopBaseline } from './lib/lifecycle-baseline';
import {
  type ApiRound,
  type BaselineRound,
  type BulkFigures,
  type LifecycleReport,
  type LifecycleSettings,
  type LifecycleTargets,
  renderConsole,
  type RoundResult,
  startVerdict,
  stopVerdict,
  summarize,
  writeReport,
} from './lib/lifecycle-report';
import { findFixtureProcesses, type FixtureProcess, fixturesCpu, residentKb } from './lib/processes';
import { type BuildInfo, describeBuild, describeMachine } from './lib/report';
import { roundSummary, summarizeLatency } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
const RESULTS_DIR = join(__dirname, 'results');
const FIXTURE = join(ROOT, 'tools', 'mcp-fixtures', 'v2-server.mjs');
/** What `pgrep -f` looks for on the machine. */
const FIXTURE_NAME = 'v2-server.mjs';
/** Set in every server's environment (API and baseline): tells this run's processes from anyone else's. */
const MARKER_VARIABLE = 'MCP_FLEET_BENCH_RUN';
const TARGETS: LifecycleTargets = { startRatio: 1.15, stopMs: 3_000 };
const FULL = { servers: 100, rounds: 3 };
const QUICK = { servers: 20, rounds: 1 };
const SETTLE_MS = 3_000;
const REGISTER_CONCURRENCY = 8;
/** The API's defaults for a server's config (SERVER_CONFIG_BOUNDS), which the baseline uses too. */
const STARTUP_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const FAILURES_KEPT = 10;

async function main(): Promise<number> {
  const quick = parseOptions();
  const cleanup = new CleanupStack();
  cleanUpOnSignals(cleanup);
  try {
    return await benchmark(quick, cleanup);
  } finally {
    await cleanup.runAll();
  }
}

function parseOptions(): boolean {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(
      `Usage: node -r @swc-node/register bench/lifecycle.ts [--quick]\n  --quick  ${QUICK.servers} servers and ${QUICK.rounds} round, for a smoke test`,
    );
    process.exit(0);
  }
  return values.quick;
}

/** Everything a round needs. */
interface Run {
  api: ApiProcess;
  headers: Record<string, string>;
  serverIds: string[];
  /** `MCP_FLEET_BENCH_RUN=<random>`, as it appears in /proc/<pid>/environ. */
  marker: string;
  markerValue: string;
  concurrency: number;
  probes: Record<string, CpuProbe>;
  /** Baseline clients still open, closed by the cleanup if a round fails half-way. */
  openSessions: BaselineSession[];
}

async function benchmark(quick: boolean, cleanup: CleanupStack): Promise<number> {
  const startedAt = new Date().toISOString();
  const plan = quick ? QUICK : FULL;
  const poolSize = positiveIntegerFromEnv('DATABASE_POOL_SIZE', 200);
  const configured = positiveIntegerFromEnv('BULK_CONCURRENCY', 64);
  const concurrency = configured ?? availableParallelism();
  const adminUrl = adminUrlFromEnv(process.env);
  // Before any load, so the load average describes the rest of the machine.
  const machine = describeMachine(await serverVersion(adminUrl));
  const onMachineBefore = (await findFixtureProcesses(FIXTURE_NAME, '')).length;
  const settings: LifecycleSettings = {
    servers: plan.servers,
    rounds: plan.rounds,
    bulkConcurrency: concurrency,
    bulkConcurrencySource:
      configured === undefined ? 'the number of cores, the API default, set explicitly on both sides' : 'BULK_CONCURRENCY, on both sides',
    settleMs: SETTLE_MS,
    command: 'node',
    fixture: relative(ROOT, FIXTURE),
    databasePoolSize: poolSize === undefined ? 'API default' : String(poolSize),
    authentication: 'n/a',
  };

  const rounds: RoundResult[] = [];
  const problems: string[] = [];
  let build: BuildInfo | undefined;
  let registration: LifecycleReport['registration'];
  let error: string | undefined;
  let onMachineAfter: number | undefined;
  let run: Run | undefined;
  try {
    const database = await createThrowawayDatabase(adminUrl);
    cleanup.push(`drop database ${database.name}`, () => database.drop());
    log(`Created database ${database.name}`);
    const api = await launchApi({
      mainPath: API_MAIN,
      databaseUrl: database.url,
      poolSize,
      env: { BULK_CONCURRENCY: String(concurrency) },
    });
    cleanup.push('stop the API', () => api.stop());
    // Read right after the launch: another build may replace the file while the benchmark runs.
    build = await describeBuild(API_MAIN);
    await api.waitUntilReady();
    log(`API ready at ${api.url} (pid ${api.pid}), BULK_CONCURRENCY=${concurrency}`);
    const auth = await signIn(api.url, api.admin);
    settings.authentication = auth.scheme;
    const markerValue = randomBytes(6).toString('hex');
    const marker = `${MARKER_VARIABLE}=${markerValue}`;
    const current: Run = {
      api,
      headers: auth.headers,
      serverIds: [],
      marker,
      markerValue,
      concurrency,
      probes: {
        API: () => api.cpuMs(),
        'API servers': fixturesCpu(api.pid, FIXTURE_NAME, marker),
        bench: ownCpu,
        'bench servers': fixturesCpu(process.pid, FIXTURE_NAME, marker),
        PostgreSQL: postgresBackendsCpu(() => backendPids(adminUrl, database.name)),
      },
      openSessions: [],
    };
    run = current;
    cleanup.push('close the baseline clients', () => stopBaseline(current.openSessions, 16).then(() => undefined));
    const registered = performance.now();
    current.serverIds = await registerServers(current, plan.servers);
    registration = { servers: plan.servers, concurrency: REGISTER_CONCURRENCY, durationMs: performance.now() - registered };
    log(`Registered ${plan.servers} stdio servers in ${(registration.durationMs / 1000).toFixed(1)} s`);
    for (let round = 1; round <= plan.rounds; round++) {
      const result = await runRound(current, round);
      rounds.push(result);
      problems.push(...roundProblems(result, plan.servers));
    }
    onMachineAfter = (await findFixtureProcesses(FIXTURE_NAME, '')).length;
  } catch (failure) {
    error = `${errorMessage(failure)}${run ? apiDiedNote(run.api) : ''}`;
    console.error(`[bench] ${error}`);
  }

  const summary = summarize(rounds);
  const report: LifecycleReport = {
    benchmark: 'lifecycle',
    startedAt,
    mode: quick ? 'quick' : 'full',
    machine,
    build,
    settings,
    targets: TARGETS,
    registration,
    rounds,
    summary,
    fixtureProcessesOnMachine: { before: onMachineBefore, after: onMachineAfter },
    verdicts: { start: startVerdict(summary, TARGETS, rounds.length), stop: stopVerdict(summary, TARGETS) },
    problems,
    error,
    failed: error !== undefined || problems.length > 0 || rounds.length < plan.rounds,
  };
  console.log(renderConsole(report));
  const files = await writeReport(report, RESULTS_DIR);
  log(`Results written to ${files.json} and ${files.markdown}`);
  return report.failed ? 1 : 0;
}

async function registerServers(run: Run, count: number): Promise<string[]> {
  const ids = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const body = {
        name: `lifecycle-${String(index).padStart(3, '0')}`,
        description: 'lifecycle benchmark: tools/mcp-fixtures/v2-server.mjs',
        type: 'bench',
        transport: 'stdio',
        config: { command: process.execPath, args: [FIXTURE], env: { [MARKER_VARIABLE]: run.markerValue } },
        tags: ['bench'],
      };
      const response = await request(run, 'POST', '/api/mcp/servers', body);
      const id = (response.body as { id?: unknown } | undefined)?.id;
      if (response.status !== 201 || typeof id !== 'string') {
        throw new Error(`Registering ${body.name} failed: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
      }
      ids[index] = id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(REGISTER_CONCURRENCY, count) }, worker));
  return ids;
}

async function runRound(run: Run, round: number): Promise<RoundResult> {
  // Alternate which side goes first, so a machine getting busier or quieter favours neither.
  const order: RoundResult['order'] = round % 2 === 1 ? 'API first' : 'baseline first';
  log(`Round ${round} (${order})`);
  let api: ApiRound;
  let baseline: BaselineRound;
  if (order === 'API first') {
    api = await apiPart(run, round);
    baseline = await baselinePart(run);
  } else {
    baseline = await baselinePart(run);
    api = await apiPart(run, round);
  }
  const startRatio = api.start.wallMs / baseline.start.wallMs;
  log(`  ratio API / baseline: ${startRatio.toFixed(2)}`);
  return { round, order, api, baseline, startRatio };
}

async function apiPart(run: Run, round: number): Promise<ApiRound> {
  const { api } = run;
  await sleep(SETTLE_MS);
  const idleKb = await residentKb(api.pid);
  const tag = `bench-lifecycle-${run.markerValue}-r${round}`;

  const start = await bulk(run, 'start', `${tag}-start`);
  const running = (await ownFixtures(run)).filter((p) => p.ppid === api.pid).length;
  log(
    `  API bulk start: ${seconds(start.wallMs)} s, ${start.response.succeeded} ok, ${start.response.failed} failed, ${running} processes running`,
  );
  await sleep(SETTLE_MS);
  const runningKb = await residentKb(api.pid);

  const stop = await bulk(run, 'stop', `${tag}-stop`);
  const left = (await ownFixtures(run)).length;
  const events = await stoppedEvents(run, `${tag}-stop`);
  log(
    `  API bulk stop: ${seconds(stop.wallMs)} s, ${stop.response.succeeded} ok, ${stop.response.failed} failed, ${events.escalated} escalated, ${left} processes left`,
  );
  await sleep(SETTLE_MS);
  const afterStopKb = await residentKb(api.pid);
  const perServerKb = idleKb === undefined || runningKb === undefined ? undefined : (runningKb - idleKb) / run.serverIds.length;
  log(`  API RSS: ${kb(idleKb)} idle, ${kb(runningKb)} running, ${kb(afterStopKb)} after stop`);

  return {
    start: { ...bulkFigures(start), protocolVersions: protocolVersions(start.response), processes: running },
    stop: { ...bulkFigures(stop), events, processesLeft: left },
    memory: { idleKb, runningKb, afterStopKb, perServerKb },
  };
}

async function baselinePart(run: Run): Promise<BaselineRound> {
  await sleep(SETTLE_MS);
  const launch: BaselineLaunch = {
    command: process.execPath,
    args: [FIXTURE],
    env: { [MARKER_VARIABLE]: run.markerValue },
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  };
  const count = run.serverIds.length;

  let endWindow = await startCpuWindow(run.probes);
  let begun = performance.now();
  const started = await startBaseline(launch, count, run.concurrency);
  const startMs = performance.now() - begun;
  const startCpu = await endWindow();
  run.openSessions = started.sessions;
  const running = (await ownFixtures(run)).filter((p) => p.ppid === process.pid).length;
  log(
    `  Baseline start: ${seconds(startMs)} s, ${started.sessions.length} ok, ${started.failures.length} failed, ${running} processes running`,
  );

  await sleep(SETTLE_MS);
  endWindow = await startCpuWindow(run.probes);
  begun = performance.now();
  const stopped = await stopBaseline(started.sessions, run.concurrency);
  const stopMs = performance.now() - begun;
  const stopCpu = await endWindow();
  run.openSessions = [];
  const left = (await ownFixtures(run)).length;
  log(`  Baseline stop: ${seconds(stopMs)} s, ${stopped.failures.length} failed, ${left} processes left`);

  return {
    start: {
      wallMs: startMs,
      succeeded: started.sessions.length,
      failed: started.failures.length,
      failures: started.failures.slice(0, FAILURES_KEPT),
      itemMs: roundSummary(summarizeLatency(started.itemMs)),
      protocolVersions: started.protocolVersions,
      processes: running,
      cpu: startCpu,
    },
    stop: { wallMs: stopMs, failures: stopped.failures.slice(0, FAILURES_KEPT), processesLeft: left, cpu: stopCpu },
  };
}

interface BulkRun {
  response: BulkOperationResponse;
  wallMs: number;
  cpu: CpuShares;
}

/** One bulk request for every registered server, timed from send to response. */
async function bulk(run: Run, operation: 'start' | 'stop', correlationId: string): Promise<BulkRun> {
  const endWindow = await startCpuWindow(run.probes);
  const begun = performance.now();
  const response = await request(
    run,
    'POST',
    `/api/mcp/servers/bulk/${operation}`,
    { serverIds: run.serverIds },
    { 'x-correlation-id': correlationId },
  );
  const wallMs = performance.now() - begun;
  const cpu = await endWindow();
  const body = response.body as BulkOperationResponse | undefined;
  if (response.status !== 200 || !Array.isArray(body?.results)) {
    throw new Error(`POST /bulk/${operation} answered HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
  return { response: body, wallMs, cpu };
}

function bulkFigures({ response, wallMs, cpu }: BulkRun): BulkFigures {
  const failures = response.results.filter((r) => !r.success);
  return {
    wallMs,
    serverExecutionTimeMs: response.executionTimeMs,
    succeeded: response.results.length - failures.length,
    failed: failures.length,
    failures: failures.slice(0, FAILURES_KEPT).map((r) => `${r.serverId}: ${r.code ?? 'FAILED'} ${r.message}`),
    itemMs: roundSummary(summarizeLatency(response.results.map((r) => r.executionTimeMs))),
    cpu,
  };
}

/** "Started (protocol 2026-07-28)" → counts per version. */
function protocolVersions(response: BulkOperationResponse): Record<string, number> {
  const versions: Record<string, number> = {};
  for (const result of response.results) {
    const version = /\(protocol ([^)]+)\)/.exec(result.message)?.[1];
    if (result.success && version) {
      versions[version] = (versions[version] ?? 0) + 1;
    }
  }
  return versions;
}

/** The `server.stopped` events the bulk stop recorded (it carries the request's correlation id). */
async function stoppedEvents(run: Run, correlationId: string): Promise<ApiRound['stop']['events']> {
  const query = new URLSearchParams({ type: 'server.stopped', correlationId, limit: '1000' });
  const response = await request(run, 'GET', `/api/mcp/events?${query.toString()}`);
  const page = response.body as EventPage | undefined;
  if (response.status !== 200 || !Array.isArray(page?.items)) {
    throw new Error(`GET /api/mcp/events answered HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
  const data = page.items.map((event) => event.data);
  return {
    found: page.items.length,
    escalated: data.filter((d) => d['escalated'] !== false).length,
    leftovers: data.filter((d) => d['leftovers'] !== false).length,
    nonZeroExit: data.filter((d) => d['code'] !== 0).length,
  };
}

function roundProblems(r: RoundResult, servers: number): string[] {
  const problems: string[] = [];
  const at = `round ${r.round}`;
  const { api, baseline } = r;
  if (api.start.failed > 0 || api.start.processes !== servers) {
    problems.push(`${at}: API bulk start had ${api.start.failed} failures and ${api.start.processes} of ${servers} processes running`);
  }
  if (api.stop.failed > 0 || api.stop.events.found !== servers || api.stop.events.leftovers > 0 || api.stop.processesLeft > 0) {
    problems.push(
      `${at}: API bulk stop had ${api.stop.failed} failures, ${api.stop.events.found} of ${servers} server.stopped events, ${api.stop.events.leftovers} with leftovers, ${api.stop.processesLeft} processes left`,
    );
  }
  if (baseline.start.failed > 0 || baseline.start.processes !== servers) {
    problems.push(
      `${at}: baseline start had ${baseline.start.failed} failures and ${baseline.start.processes} of ${servers} processes running`,
    );
  }
  if (baseline.stop.failures.length > 0 || baseline.stop.processesLeft > 0) {
    problems.push(`${at}: baseline stop had ${baseline.stop.failures.length} failures and ${baseline.stop.processesLeft} processes left`);
  }
  return problems;
}

/** This run's fixture processes (marked), whoever their parent is. */
async function ownFixtures(run: Run): Promise<FixtureProcess[]> {
  return (await findFixtureProcesses(FIXTURE_NAME, run.marker)).filter((p) => p.marked);
}

async function request(
  run: Pick<Run, 'api' | 'headers'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${run.api.url}${path}`, {
    method,
    headers: { ...run.headers, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  } catch {
    return { status: response.status, body: text };
  }
}

/** The API's exit status and last output when it is no longer running, else nothing. */
function apiDiedNote(api: ApiProcess): string {
  const status = api.exitStatus();
  return status ? `\n[bench] The API ${status}. Its last output:\n${api.recentOutput() || '(none)'}` : '';
}

function positiveIntegerFromEnv(name: string, max: number): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) {
    return undefined;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer from 1 to ${max} (got "${raw}")`);
  }
  return value;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function kb(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(value / 1024).toFixed(1)} MiB`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(`[bench] Benchmark failed: ${errorMessage(error)}`);
    process.exitCode = 1;
  },
);
