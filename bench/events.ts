/* eslint-disable no-console */
/**
 * Benchmark of the event store: sustained ingest through EventStore.append() (in-process,
 * against PostgreSQL) and the Socket.IO fan-out of committed events to 1,000 clients of the
 * built API. Each part gets its own throwaway database.
 *
 *   node -r @swc-node/register bench/events.ts [--quick]
 *
 * Exit code 0 when every part completed and every figure is trustworthy (targets met or not);
 * 1 when a part failed, a row went missing, or a client missed an event.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { launchApi } from './lib/api-process';
import { signIn } from './lib/auth';
import { cleanUpOnSignals, CleanupStack, errorMessage } from './lib/cleanup';
import { postgresBackendsCpu } from './lib/cpu';
import { adminUrlFromEnv, backendPids, createThrowawayDatabase, serverVersion } from './lib/database';
import {
  correctnessProblems,
  type EventsReport,
  type EventsTargets,
  fanoutVerdict,
  ingestVerdict,
  renderConsole,
  writeReport,
} from './lib/events-report';
import { type FanoutResult, type FanoutSettings, runFanout } from './lib/fanout';
import { type IngestRunResult, type IngestSettings, runIngestWorker } from './lib/ingest';
import { type BuildInfo, describeBuild, describeMachine } from './lib/report';

const API_MAIN = resolve(__dirname, '..', 'dist', 'apps', 'api', 'main.js');
const RESULTS_DIR = join(__dirname, 'results');
const TARGETS: EventsTargets = { ingestPerSecond: 20_000, ingestP99Ms: 250, fanoutP99Ms: 100 };

type IngestPlan = Omit<IngestSettings, 'databaseUrl' | 'poolSize'>;
/** The target rate first, then higher ones to find the ceiling. */
const FULL_INGEST: IngestPlan = { rates: [20_000, 40_000, 60_000], warmupSeconds: 3, durationSeconds: 20, tickMs: 1 };
const QUICK_INGEST: IngestPlan = { ...FULL_INGEST, rates: [20_000, 40_000], warmupSeconds: 1, durationSeconds: 3 };
const FULL_FANOUT: FanoutSettings = {
  clients: 1_000,
  connectConcurrency: 50,
  eventsPerSecond: 10,
  warmupSeconds: 3,
  durationSeconds: 30,
  graceMs: 10_000,
};
const QUICK_FANOUT: FanoutSettings = { ...FULL_FANOUT, warmupSeconds: 1, durationSeconds: 5 };

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
    console.log('Usage: node -r @swc-node/register bench/events.ts [--quick]\n  --quick  short warm-up and runs, for a smoke test');
    process.exit(0);
  }
  return values.quick;
}

async function benchmark(quick: boolean, cleanup: CleanupStack): Promise<number> {
  const startedAt = new Date().toISOString();
  const poolSize = poolSizeFromEnv();
  const adminUrl = adminUrlFromEnv(process.env);
  const ingestPlan = quick ? QUICK_INGEST : FULL_INGEST;
  const fanoutSettings = quick ? QUICK_FANOUT : FULL_FANOUT;
  // Before any load, so the load average describes the rest of the machine.
  const machine = describeMachine(await serverVersion(adminUrl));

  const errors: EventsReport['errors'] = {};
  let ingest: IngestRunResult[] = [];
  try {
    ingest = await measureIngest({ ...ingestPlan, poolSize }, adminUrl, cleanup);
  } catch (error) {
    errors.ingest = errorMessage(error);
    console.error(`[bench] Ingest failed: ${errors.ingest}`);
  }
  let fanout: { result: FanoutResult; build: BuildInfo; auth: string } | undefined;
  try {
    fanout = await measureFanout(fanoutSettings, poolSize, adminUrl, cleanup);
  } catch (error) {
    errors.fanout = errorMessage(error);
    console.error(`[bench] Fan-out failed: ${errors.fanout}`);
  }

  const problems = correctnessProblems(ingest, fanout?.result);
  const report: EventsReport = {
    benchmark: 'events',
    startedAt,
    mode: quick ? 'quick' : 'full',
    machine,
    build: fanout?.build,
    settings: {
      ingest: { ...ingestPlan, poolSize },
      fanout: fanoutSettings,
      databasePoolSize: poolSize === undefined ? 'API default' : String(poolSize),
      authentication: fanout?.auth ?? 'n/a',
    },
    targets: TARGETS,
    ingest,
    fanout: fanout?.result,
    errors: problems.length > 0 ? { ...errors, correctness: problems.join('; ') } : errors,
    verdicts: { ingest: ingestVerdict(ingest, TARGETS, errors.ingest), fanout: fanoutVerdict(fanout?.result, TARGETS, errors.fanout) },
    failed: Object.keys(errors).length > 0 || problems.length > 0,
  };
  console.log(renderConsole(report));
  const files = await writeReport(report, RESULTS_DIR);
  log(`Results written to ${files.json} and ${files.markdown}`);
  return report.failed ? 1 : 0;
}

async function measureIngest(
  plan: Omit<IngestSettings, 'databaseUrl'>,
  adminUrl: string,
  cleanup: CleanupStack,
): Promise<IngestRunResult[]> {
  const database = await createThrowawayDatabase(adminUrl);
  cleanup.push(`drop database ${database.name}`, () => database.drop());
  log(`Ingest: created database ${database.name}`);
  try {
    return await runIngestWorker({ ...plan, databaseUrl: database.url }, log, (stop) => cleanup.push('stop the ingest worker', stop));
  } finally {
    // Now rather than at the end: a table of a million rows has no business in the fan-out's database server.
    await database.drop();
  }
}

async function measureFanout(
  settings: FanoutSettings,
  poolSize: number | undefined,
  adminUrl: string,
  cleanup: CleanupStack,
): Promise<{ result: FanoutResult; build: BuildInfo; auth: string }> {
  const database = await createThrowawayDatabase(adminUrl);
  cleanup.push(`drop database ${database.name}`, () => database.drop());
  log(`Fan-out: created database ${database.name}`);
  const api = await launchApi({ mainPath: API_MAIN, databaseUrl: database.url, poolSize });
  cleanup.push('stop the API', () => api.stop());
  // Read right after the launch: another build may replace the file while the benchmark runs.
  const build = await describeBuild(API_MAIN);
  await api.waitUntilReady();
  log(`API ready at ${api.url} (pid ${api.pid})`);
  const auth = await signIn(api.url, api.admin);
  if (auth.token === undefined) {
    throw new Error('This API build has no sign-in, and its Socket.IO gateway needs a token');
  }
  try {
    const target = {
      url: api.url,
      headers: auth.headers,
      token: auth.token,
      apiCpu: () => api.cpuMs(),
      postgresCpu: postgresBackendsCpu(() => backendPids(adminUrl, database.name)),
    };
    const result = await runFanout(target, settings, log);
    return { result, build, auth: auth.scheme };
  } catch (error) {
    const status = api.exitStatus();
    throw new Error(`${errorMessage(error)}${status ? `\n[bench] The API ${status}. Its last output:\n${api.recentOutput()}` : ''}`);
  }
}

/** DATABASE_POOL_SIZE is passed on to the store's pool and to the API, so pool sizes can be compared. */
function poolSizeFromEnv(): number | undefined {
  const raw = process.env['DATABASE_POOL_SIZE']?.trim();
  if (!raw) {
    return undefined;
  }
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DATABASE_POOL_SIZE must be a positive integer (got "${raw}")`);
  }
  return size;
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
