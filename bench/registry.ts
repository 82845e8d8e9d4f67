/* eslint-disable no-console */
/**
 * Benchmark of the server registry list endpoint (GET /api/mcp/servers).
 *
 * Creates a throwaway PostgreSQL database, starts the built API on it, seeds 1,000
 * servers through the REST API, then loads a few list queries with autocannon and
 * reports p50/p90/p99/max latency and requests/s against the p99 target.
 *
 *   node -r @swc-node/register bench/registry.ts [--quick]
 *
 * Exit code 0 when every run completed without errors (target met or not), 1 otherwise.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { type ApiProcess, launchApi } from './lib/api-process';
import { type Authentication, signIn } from './lib/auth';
import { cleanUpOnSignals, CleanupStack, errorMessage } from './lib/cleanup';
import { adminUrlFromEnv, createThrowawayDatabase } from './lib/database';
import { cacheLookups, type LiveFleetFigures, registryRevision, startLiveFleet, stopLiveFleet } from './lib/live-fleet';
import { type LoadSettings, measure } from './lib/load';
import {
  type BuildInfo,
  describeBuild,
  describeMachine,
  type MachineInfo,
  renderConsole,
  type RunReport,
  type VariantResult,
  type VariantRole,
  writeReport,
} from './lib/report';
import { planFleet, seedFleet, type SeedOutcome, type SeedServer } from './lib/seed';

const API_MAIN = resolve(__dirname, '..', 'dist', 'apps', 'api', 'main.js');
const RESULTS_DIR = join(__dirname, 'results');
const SERVER_COUNT = 1_000;
const SEED_CONCURRENCY = 8;
const PAGE_SIZE = 50;
const TARGET_P99_MS = 25;
const LIVE_SERVERS = 100;
const LIVE_PROBE_MS = 10_000;

const FULL: LoadSettings = { connections: 50, pipelining: 1, warmupSeconds: 3, durationSeconds: 20, timeoutSeconds: 10 };
const QUICK: LoadSettings = { ...FULL, warmupSeconds: 1, durationSeconds: 3 };

interface Variant {
  id: string;
  label: string;
  role: VariantRole;
  path: string;
  /** For list variants: which seeded servers the query should return. */
  matches?: (server: SeedServer) => boolean;
  /** A different path for every request (else every request uses `path`). */
  nextPath?: () => string;
}

const SEARCH = 'srv-01';
const TAG = 'prod';

const VARIANTS: Variant[] = [
  {
    id: 'search',
    label: `search "${SEARCH}", page of ${PAGE_SIZE}`,
    role: 'headline',
    path: listPath({ search: SEARCH }),
    matches: (server) => server.name.toLowerCase().includes(SEARCH),
  },
  { id: 'all', label: `no filter, page of ${PAGE_SIZE}`, role: 'list', path: listPath({}), matches: () => true },
  {
    id: 'tag',
    label: `tag "${TAG}", page of ${PAGE_SIZE}`,
    role: 'list',
    path: listPath({ tag: TAG }),
    matches: (server) => server.tags.includes(TAG),
  },
  {
    // List pages are cached per registry revision; repeated identical queries measure that
    // cache. Here page, page size and sort change on every request (2,400 combinations
    // against a cache of 256 pages), so nearly every request runs the full database query.
    id: 'uncached',
    label: 'no filter, random page/size/sort (cache misses)',
    role: 'list',
    path: listPath({}),
    matches: () => true,
    nextPath: randomListPath,
  },
  // Same stack without the database: the framework's floor on this machine.
  { id: 'health', label: 'GET /health (no DB)', role: 'reference', path: '/health' },
];

const SORTS = ['name', 'createdAt', 'updatedAt', 'status', 'transport', 'type'].flatMap((f) => [f, `-${f}`]);

function randomListPath(): string {
  const pick = (n: number) => Math.floor(Math.random() * n);
  const query = new URLSearchParams({
    page: String(1 + pick(20)),
    pageSize: String(41 + pick(10)),
    sort: SORTS[pick(SORTS.length)],
  });
  return `/api/mcp/servers?${query.toString()}`;
}

function listPath(filter: Record<string, string>): string {
  const query = new URLSearchParams({ page: '1', pageSize: String(PAGE_SIZE), ...filter, sort: 'name' });
  return `/api/mcp/servers?${query.toString()}`;
}

async function main(): Promise<number> {
  const quick = parseOptions();
  const cleanup = new CleanupStack();
  cleanUpOnSignals(cleanup);
  try {
    return await benchmark(quick ? QUICK : FULL, quick, cleanup);
  } finally {
    await cleanup.runAll();
  }
}

function parseOptions(): boolean {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log('Usage: node -r @swc-node/register bench/registry.ts [--quick]\n  --quick  short warm-up and runs, for a smoke test');
    process.exit(0);
  }
  return values.quick;
}

async function benchmark(settings: LoadSettings, quick: boolean, cleanup: CleanupStack): Promise<number> {
  const startedAt = new Date().toISOString();
  const poolSize = poolSizeFromEnv();
  const database = await createThrowawayDatabase(adminUrlFromEnv(process.env));
  cleanup.push(`drop database ${database.name}`, () => database.drop());
  log(`Created database ${database.name} (PostgreSQL ${database.serverVersion})`);
  const machine = describeMachine(database.serverVersion);

  const api = await launchApi({ mainPath: API_MAIN, databaseUrl: database.url, poolSize });
  cleanup.push('stop the API', () => api.stop());
  // Read right after the launch: another build may replace the file while the benchmark runs.
  const build = await describeBuild(API_MAIN);
  await api.waitUntilReady();
  log(`API ready at ${api.url} (pid ${api.pid})`);

  const measurements = await seedAndMeasure(api, settings, database.url).catch((error: unknown) => {
    throw new Error(`${errorMessage(error)}${apiDiedNote(api)}`);
  });
  const report = buildReport({ startedAt, quick, settings, poolSize, machine, build, ...measurements });
  console.log(renderConsole(report));
  const files = await writeReport(report, RESULTS_DIR);
  log(`Results written to ${files.json} and ${files.markdown}`);
  return report.failed ? 1 : 0;
}

/** The running API and the headers every request carries. */
interface Session {
  api: ApiProcess;
  headers: Record<string, string>;
}

interface Measurements {
  auth: Authentication['scheme'];
  seed: SeedOutcome;
  variants: VariantResult[];
  liveFleet?: LiveFleetFigures;
  /** Why the remaining variants were skipped, if they were. */
  aborted: string | undefined;
}

async function seedAndMeasure(api: ApiProcess, settings: LoadSettings, databaseUrl: string): Promise<Measurements> {
  const auth = await signIn(api.url, api.admin);
  log(`Authentication: ${auth.scheme}`);
  const session: Session = { api, headers: auth.headers };
  const fleet = planFleet(SERVER_COUNT);
  const seed = await seedFleet(api.url, auth.headers, fleet, SEED_CONCURRENCY);
  log(`Seeded ${seed.count} servers in ${(seed.durationMs / 1000).toFixed(1)} s (${seed.concurrency} concurrent requests)`);

  const variants: VariantResult[] = [];
  for (const variant of VARIANTS) {
    variants.push(await runVariant(session, variant, fleet, settings));
    const status = api.exitStatus();
    if (status) {
      // Someone or something stopped the API: the next variants would only measure refused connections.
      console.error(`[bench] Skipping the remaining variants.${apiDiedNote(api)}`);
      return { auth: auth.scheme, seed, variants, aborted: `the API ${status} during "${variant.label}"` };
    }
  }
  const liveFleet = await measureLiveFleet(session, settings, databaseUrl);
  variants.push(liveFleet.variant);
  return { auth: auth.scheme, seed, variants, liveFleet: liveFleet.figures, aborted: undefined };
}

/**
 * The list while LIVE_SERVERS real servers run with probes every LIVE_PROBE_MS: their probes
 * and samples write live figures all along, which must neither move the registry revision nor
 * empty the list cache.
 */
async function measureLiveFleet(
  session: Session,
  settings: LoadSettings,
  databaseUrl: string,
): Promise<{ variant: VariantResult; figures: LiveFleetFigures }> {
  const { api, headers } = session;
  log(`Starting ${LIVE_SERVERS} servers (v2 fixture, probes every ${LIVE_PROBE_MS / 1000} s)...`);
  const ids = await startLiveFleet(api.url, headers, LIVE_SERVERS, LIVE_PROBE_MS);
  try {
    // Past the first probe of every server: from here on, probes and samples write all the time.
    await new Promise((resolve) => setTimeout(resolve, LIVE_PROBE_MS + 2000));
    const revisionBefore = await registryRevision(databaseUrl);
    const before = await cacheLookups(api.url, headers);
    const variant = await runVariant(
      session,
      {
        id: 'live',
        label: `no filter, page of ${PAGE_SIZE}, ${LIVE_SERVERS} running (probes every ${LIVE_PROBE_MS / 1000} s)`,
        role: 'list',
        path: listPath({}),
      },
      [],
      settings,
    );
    const after = await cacheLookups(api.url, headers);
    const hits = after.hit - before.hit;
    const lookups = hits + after.miss - before.miss;
    const figures: LiveFleetFigures = {
      runningServers: LIVE_SERVERS,
      probeIntervalMs: LIVE_PROBE_MS,
      cacheHitRate: lookups > 0 ? hits / lookups : 0,
      cacheLookups: lookups,
      revisionBefore,
      revisionAfter: await registryRevision(databaseUrl),
    };
    log(
      `  list cache hit rate ${(figures.cacheHitRate * 100).toFixed(2)} % of ${lookups}; registry revision ${revisionBefore} → ${figures.revisionAfter}`,
    );
    return { variant, figures };
  } finally {
    await stopLiveFleet(api.url, headers, ids);
  }
}

/** The API's exit status and last output when it is no longer running, else nothing. */
function apiDiedNote(api: ApiProcess): string {
  const status = api.exitStatus();
  return status ? `\n[bench] The API ${status}. Its last output:\n${api.recentOutput() || '(none)'}` : '';
}

async function runVariant(session: Session, variant: Variant, fleet: SeedServer[], settings: LoadSettings): Promise<VariantResult> {
  const { api, headers } = session;
  const responseBytes = await checkResponse(session, variant, fleet);
  log(`${variant.label}: ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured...`);
  const summary = await measure(`${api.url}${variant.path}`, headers, settings, () => api.cpuMs(), variant.nextPath);
  const { p50, p99 } = summary.latencyMs;
  log(`  p50 ${p50} ms, p99 ${p99} ms, ${summary.requestsPerSecond.toFixed(0)} req/s, ${summary.non2xx} non-2xx, ${summary.errors} errors`);
  return {
    id: variant.id,
    label: variant.label,
    path: variant.path,
    role: variant.role,
    responseBytes,
    summary,
    withinTarget: variant.role === 'reference' ? undefined : p99 <= TARGET_P99_MS,
  };
}

/** One request before the load: a benchmark of wrong answers would be worthless. Returns the body size. */
async function checkResponse({ api, headers }: Session, variant: Variant, fleet: SeedServer[]): Promise<number> {
  const response = await fetch(`${api.url}${variant.path}`, { headers });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET ${variant.path} answered HTTP ${response.status}: ${body.slice(0, 500)}`);
  }
  if (variant.matches) {
    const expectedTotal = fleet.filter(variant.matches).length;
    const page = JSON.parse(body) as { items?: unknown[]; total?: number };
    const expectedItems = Math.min(PAGE_SIZE, expectedTotal);
    if (page.total !== expectedTotal || page.items?.length !== expectedItems) {
      throw new Error(
        `GET ${variant.path}: expected total ${expectedTotal} and ${expectedItems} items, got total ${page.total} and ${page.items?.length} items`,
      );
    }
  }
  return Buffer.byteLength(body);
}

interface ReportInputs {
  startedAt: string;
  quick: boolean;
  settings: LoadSettings;
  poolSize: number | undefined;
  machine: MachineInfo;
  build: BuildInfo;
  auth: Authentication['scheme'];
  seed: SeedOutcome;
  variants: VariantResult[];
  liveFleet?: LiveFleetFigures;
  aborted: string | undefined;
}

function buildReport(inputs: ReportInputs): RunReport {
  const headline = inputs.variants.find((v) => v.role === 'headline');
  return {
    benchmark: 'registry',
    startedAt: inputs.startedAt,
    mode: inputs.quick ? 'quick' : 'full',
    machine: inputs.machine,
    build: inputs.build,
    settings: {
      ...inputs.settings,
      databasePoolSize: inputs.poolSize === undefined ? 'API default' : String(inputs.poolSize),
      authentication: inputs.auth,
    },
    seed: inputs.seed,
    targetP99Ms: TARGET_P99_MS,
    variants: inputs.variants,
    liveFleet: inputs.liveFleet,
    aborted: inputs.aborted,
    failed: inputs.aborted !== undefined || inputs.variants.some((v) => v.summary.failed),
    headlineTargetMet: headline?.withinTarget === true,
  };
}

/** DATABASE_POOL_SIZE is passed on to the API, so pool sizes can be compared run by run. */
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
