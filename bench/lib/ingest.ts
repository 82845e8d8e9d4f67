import { fork } from 'node:child_process';
import { join } from 'node:path';

import type { CpuShares } from './cpu';
import type { LatencySummary } from './stats';

const WORKER = join(__dirname, 'ingest-worker.ts');
/** The repository's compiler settings (paths, decorator metadata), which the Nest modules need. */
const WORKER_TSCONFIG = join(__dirname, '..', 'tsconfig.json');

export interface IngestSettings {
  databaseUrl: string;
  /** DATABASE_POOL_SIZE for the store's pool; undefined keeps the API's default. */
  poolSize: number | undefined;
  /** Offered rates, events/s, one run each, in this order, on the same database. */
  rates: number[];
  warmupSeconds: number;
  durationSeconds: number;
  /** How often the generator wakes up to append what is due. */
  tickMs: number;
}

/** One run at a fixed offered rate. Latencies in ms; "window" is the measured part, after the warm-up. */
export interface IngestRunResult {
  offeredPerSecond: number;
  /** append() calls over the whole run, warm-up included. */
  appended: number;
  committed: number;
  /** append() promises that rejected, by error message (a full buffer, a refused row). */
  rejected: Record<string, number>;
  window: {
    seconds: number;
    appended: number;
    /** Commits that resolved inside the window, whenever their append() was called. */
    committed: number;
    achievedPerSecond: number;
    /** append() call to resolution, for the events appended in the window. */
    commitLatencyMs: LatencySummary;
    /**
     * The same from the moment the schedule said the event was due: includes the generator's own
     * lateness (a blocked event loop), which the figure above would silently omit.
     */
    fromScheduleLatencyMs: LatencySummary;
    /** Most the generator fell behind its schedule. */
    maxScheduleLagMs: number;
    /** Event-loop delay of the bench process (generator and store share it). */
    eventLoopDelayP99Ms: number;
    batches: { count: number; meanRows: number; maxRows: number };
    cpu: CpuShares;
  };
  /** From the end of the window until the last commit of the run. */
  drainMs: number;
  /** Rows the run added to `events` (count(*) after minus before) against its append() calls that resolved. */
  rowCount: { expected: number; actual: number };
  /** Each second of the window: commits in it, and the p99 commit latency of the events appended in it. */
  perSecond: { committed: number; p99Ms: number }[];
  /** Server-wide (all databases) during the run, from pg_stat_bgwriter; and the table's size before it. */
  postgres: { rowsBefore: number; checkpoints: number; buffersWrittenByBackends: number };
}

type WorkerMessage = { kind: 'log'; message: string } | { kind: 'result'; result: IngestRunResult } | { kind: 'error'; message: string };

/**
 * Runs the ingest benchmark in a child process: the store needs the repository's tsconfig
 * (path aliases, decorator metadata), which `node -r @swc-node/register` reads only at start
 * from SWC_NODE_PROJECT. The child also keeps the store's pool and timers out of this process.
 * Returns the results of the runs that completed; throws when the child failed.
 */
export function runIngestWorker(
  settings: IngestSettings,
  log: (message: string) => void,
  onSpawn: (stop: () => Promise<void>) => void,
): Promise<IngestRunResult[]> {
  const child = fork(WORKER, [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWC_NODE_PROJECT: WORKER_TSCONFIG, BENCH_INGEST_SETTINGS: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onSpawn(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          return resolve();
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  const results: IngestRunResult[] = [];
  let failure: string | undefined;
  return new Promise((resolve, reject) => {
    child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'log') {
        log(message.message);
      } else if (message.kind === 'result') {
        results.push(message.result);
      } else {
        failure = message.message;
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (failure !== undefined || code !== 0) {
        reject(
          new Error(`The ingest worker ${signal ? `was killed by ${signal}` : `exited with code ${code}`}: ${failure ?? 'no message'}`),
        );
      } else {
        resolve(results);
      }
    });
  });
}
