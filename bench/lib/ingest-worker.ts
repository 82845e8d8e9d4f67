/**
 * Child process of bench/events.ts (see ingest.ts for why it is one): the event store in a
 * Nest application context, as the API wires it, fed at fixed offered rates by a generator in
 * the same process. Reports each run to the parent over IPC.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { EventsDataAccessModule, EventStore, type NewEvent } from '@mcp-fleet/api/events/data-access';
import { ConfigModule, KeyRing, loadAppConfig } from '@mcp-fleet/api/shared/config';
import { DatabaseModule } from '@mcp-fleet/api/shared/database';
import { MIGRATIONS } from '@mcp-fleet/migrations';
import { EVENT_TYPES, type EventSeverity, type ServerState, SYSTEM_ACTOR } from '@mcp-fleet/shared/contracts';

import { type CpuProbe, type CpuShares, ownCpu, postgresBackendsCpu, startCpuWindow } from './cpu';
import type { IngestRunResult, IngestSettings } from './ingest';
import { countFinite, maxFinite, perSecond, windowFigures } from './ingest-figures';
import { roundFigure } from './stats';

@Module({})
class IngestBenchModule {}

function benchModule(settings: IngestSettings): DynamicModule {
  const config = loadAppConfig({
    DATABASE_URL: settings.databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Production mode wants its keys; the store uses neither, the config checks both.
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('hex'),
    ...(settings.poolSize === undefined ? {} : { DATABASE_POOL_SIZE: String(settings.poolSize) }),
  });
  return {
    module: IngestBenchModule,
    imports: [
      ConfigModule.forRoot(config, new KeyRing(randomBytes(32).toString('base64url'), randomBytes(32))),
      DatabaseModule.forRoot({ url: settings.databaseUrl, poolSize: config.databasePoolSize }, MIGRATIONS),
      EventsDataAccessModule,
    ],
  };
}

// ---- realistic events: status changes of a fleet of 100 servers ----

const FAMILIES = ['github', 'filesystem', 'postgres', 'slack', 'brave-search', 'puppeteer', 'memory', 'sentry', 'jira', 'fetch'];
const SERVERS = Array.from({ length: 100 }, (_, n) => ({
  id: randomUUID(),
  name: `srv-${String(n).padStart(4, '0')}-${FAMILIES[n % FAMILIES.length]}`,
}));
const TRANSITIONS: { from: ServerState; to: ServerState; severity: EventSeverity; reason: string }[] = [
  { from: 'stopped', to: 'starting', severity: 'info', reason: 'start requested by the reconciler' },
  { from: 'starting', to: 'running', severity: 'info', reason: 'initialize answered in 412 ms' },
  { from: 'running', to: 'stopping', severity: 'info', reason: 'stop requested by an operator' },
  { from: 'stopping', to: 'stopped', severity: 'info', reason: 'process exited with code 0' },
  { from: 'running', to: 'error', severity: 'error', reason: 'health check failed 3 times in a row' },
  { from: 'error', to: 'starting', severity: 'warning', reason: 'restart 2 of 5 after back-off' },
];

function eventNumber(n: number): NewEvent {
  const server = SERVERS[n % SERVERS.length];
  const transition = TRANSITIONS[n % TRANSITIONS.length];
  return {
    type: EVENT_TYPES.serverStatusChanged,
    severity: transition.severity,
    serverId: server.id,
    serverName: server.name,
    message: `Server ${server.name} changed from ${transition.from} to ${transition.to}: ${transition.reason}`,
    data: { from: transition.from, to: transition.to, reason: `${transition.reason} (attempt ${n % 5}, pid ${10_000 + (n % 50_000)})` },
    actor: SYSTEM_ACTOR,
  };
}

// ---- one run at a fixed offered rate ----

interface RunContext {
  store: EventStore;
  dataSource: DataSource;
  settings: IngestSettings;
  postgresCpu: CpuProbe;
}

async function runAtRate(context: RunContext, rate: number): Promise<IngestRunResult> {
  const { store, settings } = context;
  const rowsBefore = await countRows(context.dataSource);
  const postgresBefore = await postgresActivity(context.dataSource);
  const planned = Math.round(rate * (settings.warmupSeconds + settings.durationSeconds));
  // One slot per event: the schedule, the append() call and the commit (NaN until it resolves).
  const dueAt = new Float64Array(planned);
  const appendedAt = new Float64Array(planned);
  const committedAt = new Float64Array(planned).fill(Number.NaN);
  const rejected: Record<string, number> = {};
  let settled = 0;
  let onAllSettled: () => void = () => undefined;

  const start = performance.now();
  const windowStart = start + settings.warmupSeconds * 1000;
  const windowEnd = windowStart + settings.durationSeconds * 1000;
  const batchSizes: number[] = [];
  const stopListening = store.onCommitted((events) => {
    const now = performance.now();
    if (now >= windowStart && now < windowEnd) {
      batchSizes.push(events.length);
    }
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  let endCpuWindow: (() => Promise<CpuShares>) | undefined;

  const append = (n: number) => {
    appendedAt[n] = performance.now();
    store.append(eventNumber(n)).then(
      () => {
        committedAt[n] = performance.now();
        if (++settled === planned) onAllSettled();
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        rejected[reason] = (rejected[reason] ?? 0) + 1;
        if (++settled === planned) onAllSettled();
      },
    );
  };

  // Open loop: every tick appends whatever the schedule says is due by now, so a late timer
  // or a busy event loop delays events (and shows in the from-schedule latency) but never
  // lowers the offered rate.
  const allSettled = new Promise<void>((resolve) => (onAllSettled = resolve));
  await new Promise<void>((resolve) => {
    let next = 0;
    let windowOpened = false;
    const tick = () => {
      const now = performance.now();
      if (!windowOpened && now >= windowStart) {
        windowOpened = true;
        loopDelay.enable();
        void startCpuWindow({ 'generator + EventStore': ownCpu, 'PostgreSQL (this database)': context.postgresCpu }).then(
          (end) => (endCpuWindow = end),
        );
      }
      const due = Math.min(planned, Math.floor(((now - start) * rate) / 1000));
      for (; next < due; next++) {
        dueAt[next] = start + (next * 1000) / rate;
        append(next);
      }
      if (next >= planned) {
        resolve();
      } else {
        setTimeout(tick, settings.tickMs);
      }
    };
    tick();
  });
  const cpu = await endCpuWindow?.();
  loopDelay.disable();
  await allSettled;
  stopListening();

  const committed = countFinite(committedAt);
  const postgresAfter = await postgresActivity(context.dataSource);
  const timeline = { dueAt, appendedAt, committedAt, windowStart, windowEnd };
  return {
    offeredPerSecond: rate,
    appended: planned,
    committed,
    rejected,
    window: windowFigures(timeline, {
      batchSizes,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      cpu: cpu ?? { processes: {}, rest: undefined, machine: 0 },
    }),
    drainMs: roundFigure(Math.max(0, maxFinite(committedAt) - windowEnd)),
    rowCount: { expected: committed, actual: (await countRows(context.dataSource)) - rowsBefore },
    perSecond: perSecond(timeline),
    postgres: {
      rowsBefore,
      checkpoints: postgresAfter.checkpoints - postgresBefore.checkpoints,
      buffersWrittenByBackends: postgresAfter.buffersBackend - postgresBefore.buffersBackend,
    },
  };
}

async function countRows(dataSource: DataSource): Promise<number> {
  const rows = await dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM events');
  return rows[0]?.count ?? Number.NaN;
}

/**
 * Server-wide counters (every database, so other work on the server shows too): checkpoints,
 * and dirty pages that backends had to write themselves because shared_buffers ran short.
 */
async function postgresActivity(dataSource: DataSource): Promise<{ checkpoints: number; buffersBackend: number }> {
  const rows = await dataSource.query<{ checkpoints: string; buffers_backend: string }[]>(
    'SELECT checkpoints_timed + checkpoints_req AS checkpoints, buffers_backend FROM pg_stat_bgwriter',
  );
  return { checkpoints: Number(rows[0]?.checkpoints), buffersBackend: Number(rows[0]?.buffers_backend) };
}

// ---- process plumbing ----

type ToParent = { kind: 'log'; message: string } | { kind: 'result'; result: IngestRunResult } | { kind: 'error'; message: string };

function send(message: ToParent): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env['BENCH_INGEST_SETTINGS'] ?? '') as IngestSettings;
  const app = await NestFactory.createApplicationContext(benchModule(settings), { logger: ['error', 'warn'] });
  // The parent stops us with SIGTERM on Ctrl-C or failure; close the pool on the way out.
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(143)));
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const listPids = async () =>
      (await dataSource.query<{ pid: number }[]>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map(
        (row) => row.pid,
      );
    const context: RunContext = { store: app.get(EventStore), dataSource, settings, postgresCpu: postgresBackendsCpu(listPids) };
    for (const rate of settings.rates) {
      await send({
        kind: 'log',
        message: `Ingest at ${rate.toLocaleString('en-US')} events/s: ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured...`,
      });
      const result = await runAtRate(context, rate);
      await send({ kind: 'result', result });
    }
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
