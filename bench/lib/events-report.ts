import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CpuShares } from './cpu';
import type { FanoutResult, FanoutSettings } from './fanout';
import type { IngestRunResult, IngestSettings } from './ingest';
import { type BuildInfo, busyMachineWarning, type MachineInfo } from './report';
import type { LatencySummary } from './stats';
import { markdownTable, textTable } from './tables';

export interface EventsTargets {
  ingestPerSecond: number;
  ingestP99Ms: number;
  fanoutP99Ms: number;
}

export interface EventsReport {
  benchmark: 'events';
  startedAt: string;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  /** The API bundle of the fan-out part (the ingest part runs the library sources). */
  build: BuildInfo | undefined;
  settings: {
    ingest: Omit<IngestSettings, 'databaseUrl'>;
    fanout: FanoutSettings;
    databasePoolSize: string;
    authentication: string;
  };
  targets: EventsTargets;
  ingest: IngestRunResult[];
  fanout: FanoutResult | undefined;
  /** Why a part did not complete, if one did not. */
  errors: { ingest?: string; fanout?: string; correctness?: string };
  verdicts: { ingest: string; fanout: string };
  failed: boolean;
}

/** Below this share of the offered events committed in the window (or with any refused), a rate was not sustained. */
const SUSTAINED_SHARE = 0.99;

export function sustained(run: IngestRunResult): boolean {
  const offered = run.offeredPerSecond * run.window.seconds;
  return Object.keys(run.rejected).length === 0 && run.window.committed >= SUSTAINED_SHARE * offered;
}

/** Problems that make the figures wrong rather than slow: the run fails (exit code 1). */
export function correctnessProblems(ingest: IngestRunResult[], fanout: FanoutResult | undefined): string[] {
  const problems = ingest
    .filter((run) => run.rowCount.actual !== run.rowCount.expected)
    .map((run) => `${run.offeredPerSecond}/s: ${run.rowCount.actual} rows in events, ${run.rowCount.expected} appends resolved`);
  if (fanout) {
    const { missing, duplicates, outOfOrder } = fanout.deliveries;
    if (missing + duplicates + outOfOrder + fanout.disconnects + fanout.exceptions.length > 0) {
      problems.push(
        `fan-out: ${missing} missing, ${duplicates} duplicate, ${outOfOrder} out-of-order deliveries, ${fanout.disconnects} disconnects, ${fanout.exceptions.length} exceptions`,
      );
    }
  }
  return problems;
}

export function ingestVerdict(runs: IngestRunResult[], targets: EventsTargets, error: string | undefined): string {
  const run = runs.find((r) => r.offeredPerSecond === targets.ingestPerSecond);
  if (!run) {
    return `FAILED (${error ?? 'no run at the target rate'})`;
  }
  const met =
    sustained(run) &&
    run.window.achievedPerSecond >= SUSTAINED_SHARE * targets.ingestPerSecond &&
    run.window.commitLatencyMs.p99 <= targets.ingestP99Ms;
  const what = `${run.window.achievedPerSecond} events/s committed of ${run.offeredPerSecond} offered, p99 ${run.window.commitLatencyMs.p99} ms`;
  return `${met ? 'MET' : 'NOT MET'} (${what}; target ≥ ${targets.ingestPerSecond}/s with p99 ≤ ${targets.ingestP99Ms} ms)`;
}

export function fanoutVerdict(result: FanoutResult | undefined, targets: EventsTargets, error: string | undefined): string {
  if (!result) {
    return `FAILED (${error ?? 'not run'})`;
  }
  const complete = result.deliveries.missing === 0 && result.deliveries.duplicates === 0;
  const met = complete && result.latencyMs.p99 <= targets.fanoutP99Ms;
  const what = `p99 ${result.latencyMs.p99} ms over ${result.clients} clients, ${result.deliveries.missing} missing, ${result.deliveries.duplicates} duplicates`;
  return `${met ? 'MET' : 'NOT MET'} (${what}; target every delivery with p99 ≤ ${targets.fanoutP99Ms} ms)`;
}

/** The highest offered rate sustained; when even the top one was, the ceiling is higher still. */
export function ceiling(runs: IngestRunResult[]): string {
  if (runs.length === 0) {
    return 'n/a';
  }
  const top = runs.reduce((a, b) => (b.offeredPerSecond > a.offeredPerSecond ? b : a));
  if (sustained(top)) {
    return `≥ ${top.offeredPerSecond} events/s (every offered rate was sustained)`;
  }
  const held = Math.max(0, ...runs.filter(sustained).map((run) => run.offeredPerSecond));
  const failed = Math.min(...runs.filter((run) => !sustained(run) && run.offeredPerSecond > held).map((run) => run.offeredPerSecond));
  const best = Math.max(...runs.map((run) => run.window.achievedPerSecond));
  const range = held > 0 ? `between ${held} and ${failed}` : `below ${failed}`;
  return `${range} events/s offered (${failed}/s was not sustained; best committed rate ${best} events/s)`;
}

// ---- tables ----

const INGEST_COLUMNS = [
  'Offered/s',
  'Committed/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'p99 from schedule',
  'Appended',
  'Rejected',
  'Rows = appends',
  'Batch rows mean/max',
  'Sustained',
];

function ingestCells(run: IngestRunResult, targets: EventsTargets): string[] {
  const w = run.window;
  const rejected = Object.values(run.rejected).reduce((sum, n) => sum + n, 0);
  const target = run.offeredPerSecond === targets.ingestPerSecond ? ' *' : '';
  return [
    `${run.offeredPerSecond}${target}`,
    String(w.achievedPerSecond),
    ms(w.commitLatencyMs.p50),
    ms(w.commitLatencyMs.p95),
    ms(w.commitLatencyMs.p99),
    ms(w.commitLatencyMs.max),
    ms(w.fromScheduleLatencyMs.p99),
    String(run.appended),
    String(rejected),
    `${run.rowCount.actual === run.rowCount.expected ? 'yes' : 'NO'} (${run.rowCount.actual})`,
    `${w.batches.meanRows}/${w.batches.maxRows}`,
    sustained(run) ? 'yes' : 'NO',
  ];
}

const FANOUT_COLUMNS = [
  'Clients',
  'Events',
  'Events/s',
  'Expected',
  'Received',
  'Missing',
  'Duplicates',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'p99 after response',
  'p99 last client',
  'PATCH p99 ms',
];

function fanoutCells(f: FanoutResult): string[] {
  const d = f.deliveries;
  return [
    String(f.clients),
    String(f.events),
    String(f.achievedEventsPerSecond),
    String(d.expected),
    String(d.received),
    String(d.missing),
    String(d.duplicates),
    ms(f.latencyMs.p50),
    ms(f.latencyMs.p95),
    ms(f.latencyMs.p99),
    ms(f.latencyMs.max),
    ms(f.afterResponseMs.p99),
    ms(f.lastClientMs.p99),
    ms(f.patchMs.p99),
  ];
}

// ---- documents ----

function notes(report: EventsReport): string[] {
  const f = report.fanout;
  return [
    `Ingest: EventStore.append() in a Nest application context in the benchmark's own process, fed open-loop in ${report.settings.ingest.tickMs} ms ticks; ${report.settings.ingest.warmupSeconds} s warm-up + ${report.settings.ingest.durationSeconds} s measured per rate, one database for all rates. Latency is append() call to resolution (committed); "from schedule" adds the generator's own lateness. "Rows = appends": count(*) of events grew by exactly the appends that resolved. * = the target rate. Ceiling: ${ceiling(report.ingest)}.`,
    ...report.ingest.map((run) => `  ${run.offeredPerSecond}/s: ${describeIngest(run)}`),
    `Fan-out: ${report.settings.fanout.clients} Socket.IO clients (one WebSocket each, in the benchmark process) subscribed to new_event; one PATCH /api/mcp/servers/:id at a time at ${report.settings.fanout.eventsPerSecond}/s (each commits one server.updated event and one audit row), ${report.settings.fanout.warmupSeconds} s warm-up + ${report.settings.fanout.durationSeconds} s measured; deliveries count the warm-up too, latencies do not.`,
    "  Latency = receipt (Date.now()) - the event's timestamp, stamped just before the write: an upper bound of commit-to-receipt (both clocks are this machine's, 1 ms resolution). \"After response\" = receipt - arrival of the PATCH response, which the API sends after the event's commit and after the audit row's: a lower bound, negative when the socket beat the response.",
    ...(f
      ? [
          `  Connected in ${f.connectSeconds} s; CPU ${describeCpu(f.cpu)}; client event-loop delay p99 ${f.clientEventLoopDelayP99Ms} ms; PATCH p50 ${ms(f.patchMs.p50)} ms; ${f.otherEvents} other events, ${f.disconnects} disconnects, ${f.deliveries.outOfOrder} out of order`,
        ]
      : []),
    ...busyMachineWarning(report.machine),
    ...interferenceWarnings(report),
    ...Object.entries(report.errors).map(([part, error]) => `ERROR in the ${part} part: ${error}`),
  ];
}

export function renderConsole(report: EventsReport): string {
  const m = report.machine;
  return [
    '',
    `Event store benchmark (${report.mode}) - ${report.startedAt}`,
    `${m.cpuModel} x ${m.cpuCount}, Node ${m.node}, PostgreSQL ${m.postgres}, load average ${m.loadAverageAtStart} at start`,
    '',
    'Sustained ingest (commit latency per event):',
    ...textTable(
      INGEST_COLUMNS,
      report.ingest.map((run) => ingestCells(run, report.targets)),
    ),
    '',
    'Fan-out (latency per delivery):',
    ...(report.fanout ? textTable(FANOUT_COLUMNS, [fanoutCells(report.fanout)]) : ['(not measured)']),
    '',
    ...notes(report),
    '',
    `Ingest target: ${report.verdicts.ingest}`,
    `Fan-out target: ${report.verdicts.fanout}`,
  ].join('\n');
}

export function renderMarkdown(report: EventsReport): string {
  const m = report.machine;
  const build = report.build;
  return [
    '# Event store benchmark - latest run',
    '',
    'Generated by `bench/events.ts`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${report.startedAt} (${report.mode} mode)`,
    `- Machine: ${m.cpuModel} x ${m.cpuCount} CPUs, ${m.memoryGb} GB RAM, ${m.platform}, load average ${m.loadAverageAtStart} at start`,
    `- Node ${m.node}, PostgreSQL ${m.postgres}, DATABASE_POOL_SIZE: ${report.settings.databasePoolSize}, authentication: ${report.settings.authentication}`,
    build
      ? `- API build (fan-out): \`${build.path}\`, built ${build.modifiedAt}, sha256 ${build.sha256.slice(0, 12)}`
      : '- API build: not started',
    `- **Ingest target: ${report.verdicts.ingest}**`,
    `- **Fan-out target: ${report.verdicts.fanout}**`,
    '',
    '## Sustained ingest',
    '',
    ...markdownTable(
      INGEST_COLUMNS,
      report.ingest.map((run) => ingestCells(run, report.targets)),
    ),
    '',
    '## Fan-out',
    '',
    ...(report.fanout ? markdownTable(FANOUT_COLUMNS, [fanoutCells(report.fanout)]) : ['Not measured.']),
    '',
    '## Notes',
    '',
    ...notes(report).map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)),
    '',
  ].join('\n');
}

/** `events-<timestamp>.json` keeps every run (git-ignored); `events.json` and `events.md` hold the latest. */
export async function writeReport(report: EventsReport, resultsDir: string): Promise<{ json: string; markdown: string }> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const quick = report.mode === 'quick';
  const json = join(resultsDir, `events-${stamp}${quick ? '-quick' : ''}.json`);
  // A smoke test must not replace the figures of the last real run.
  const latestJson = join(resultsDir, quick ? 'events-quick.json' : 'events.json');
  const markdown = join(resultsDir, quick ? 'events-quick.md' : 'events.md');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(json, text);
  await writeFile(latestJson, text);
  await writeFile(markdown, renderMarkdown(report));
  return { json, markdown };
}

/**
 * "Everything else" in a window is PostgreSQL's shared processes (WAL writer, checkpointer) plus
 * whatever else ran. Past this share of one core it was mostly the latter.
 */
const OTHER_WORK_LIMIT = 35;

function interferenceWarnings(report: EventsReport): string[] {
  const windows = [
    ...report.ingest.map((run) => ({ label: `ingest at ${run.offeredPerSecond}/s`, cpu: run.window.cpu })),
    ...(report.fanout ? [{ label: 'fan-out', cpu: report.fanout.cpu }] : []),
  ];
  return windows
    .filter(({ cpu }) => (cpu.rest ?? 0) > OTHER_WORK_LIMIT)
    .map(
      ({ label, cpu }) =>
        `WARNING: other work used ${percent(cpu.rest)} of a core during the ${label} window (PostgreSQL's shared processes included); its figures are likely skewed.`,
    );
}

function describeIngest(run: IngestRunResult): string {
  const w = run.window;
  const committed = run.perSecond.map((second) => second.committed);
  const worst = run.perSecond.reduce((max, second) => Math.max(max, second.p99Ms), 0);
  return [
    `${run.postgres.rowsBefore} rows in the table before`,
    `committed per second ${Math.min(...committed)} to ${Math.max(...committed)}, worst second's p99 ${ms(worst)} ms`,
    `CPU ${describeCpu(w.cpu)}`,
    `event-loop delay p99 ${w.eventLoopDelayP99Ms} ms, generator at most ${w.maxScheduleLagMs} ms late, drained ${run.drainMs} ms after the window`,
    `PostgreSQL (server-wide): ${run.postgres.checkpoints} checkpoints, ${run.postgres.buffersWrittenByBackends} buffers written by backends${describeRejected(run)}`,
  ].join('; ');
}

function describeCpu(cpu: CpuShares): string {
  const named = Object.entries(cpu.processes).map(([name, value]) => `${name} ${percent(value)}`);
  return [...named, `everything else ${percent(cpu.rest)}`, `machine ${percent(cpu.machine)} busy`].join(', ');
}

function describeRejected(run: IngestRunResult): string {
  const entries = Object.entries(run.rejected);
  return entries.length === 0 ? '' : `; rejected: ${entries.map(([reason, n]) => `${n} x "${reason}"`).join(', ')}`;
}

function ms(value: LatencySummary[keyof LatencySummary] | null): string {
  if (value === null || !Number.isFinite(value)) {
    return '-';
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function percent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(0)}%`;
}
