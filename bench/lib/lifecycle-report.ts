import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CpuShares } from './cpu';
import { type BuildInfo, busyMachineWarning, type MachineInfo } from './report';
import type { LatencySummary } from './stats';
import { markdownTable, textTable } from './tables';

export interface LifecycleTargets {
  /** Bulk start through the API at most this many times the bare SDK client's time. */
  startRatio: number;
  /** Bulk stop of the fleet through the API, wall time. */
  stopMs: number;
}

export interface LifecycleSettings {
  servers: number;
  rounds: number;
  /** Servers started or stopped at the same time, by the API's bulk handler and by the baseline. */
  bulkConcurrency: number;
  bulkConcurrencySource: string;
  /** Pause before each RSS sample and between the parts of a round. */
  settleMs: number;
  command: string;
  fixture: string;
  databasePoolSize: string;
  authentication: string;
}

/** One POST /api/mcp/servers/bulk/{start,stop}. */
export interface BulkFigures {
  /** Request sent to response received, as a client sees it. */
  wallMs: number;
  /** The handler's own `executionTimeMs` (no HTTP, auth or audit row). */
  serverExecutionTimeMs: number;
  succeeded: number;
  failed: number;
  /** The first few failures, "serverId: CODE message". */
  failures: string[];
  /** Per server, the result's `executionTimeMs`. */
  itemMs: LatencySummary;
  cpu: CpuShares;
}

export interface ApiRound {
  start: BulkFigures & {
    /** From each result's message ("Started (protocol ...)"). */
    protocolVersions: Record<string, number>;
    /** This run's fixture processes, children of the API, once the response arrived. */
    processes: number;
  };
  stop: BulkFigures & {
    /** `server.stopped` events of this request (by correlation id), and what their data says. */
    events: { found: number; escalated: number; leftovers: number; nonZeroExit: number };
    /** This run's fixture processes still alive once the response arrived (any parent). */
    processesLeft: number;
  };
  /** VmRSS of the API process, KiB, each after a settle pause. */
  memory: { idleKb: number | undefined; runningKb: number | undefined; afterStopKb: number | undefined; perServerKb: number | undefined };
}

export interface BaselineRound {
  start: {
    wallMs: number;
    succeeded: number;
    failed: number;
    failures: string[];
    itemMs: LatencySummary;
    protocolVersions: Record<string, number>;
    processes: number;
    cpu: CpuShares;
  };
  stop: { wallMs: number; failures: string[]; processesLeft: number; cpu: CpuShares };
}

export interface RoundResult {
  round: number;
  /** Alternates, so a machine getting busier or quieter does not favour one side. */
  order: 'API first' | 'baseline first';
  api: ApiRound;
  baseline: BaselineRound;
  /** API bulk start wall time / baseline wall time. */
  startRatio: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface LifecycleSummary {
  apiStartMs: Spread;
  baselineStartMs: Spread;
  /** Per round, API / baseline; the median is the headline. */
  startRatio: Spread & { ofMedians: number };
  apiStopMs: Spread;
  baselineStopMs: Spread;
  stopsEscalated: number;
  startFailures: number;
  stopFailures: number;
  memoryPerServerKb: Spread | undefined;
  /**
   * CPU per server started, ms (median of the rounds), from each start window's CPU shares: what
   * each side spends besides the servers' own start-up, which a busy machine does not change much.
   */
  startCpuPerServerMs: { api: Record<string, number>; baseline: Record<string, number> };
}

export interface LifecycleReport {
  benchmark: 'lifecycle';
  startedAt: string;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  build: BuildInfo | undefined;
  settings: LifecycleSettings;
  targets: LifecycleTargets;
  registration: { servers: number; concurrency: number; durationMs: number } | undefined;
  rounds: RoundResult[];
  summary: LifecycleSummary | undefined;
  /** `pgrep -f v2-server.mjs` (any user, any run) before the first and after the last round. */
  fixtureProcessesOnMachine: { before: number; after: number | undefined };
  verdicts: { start: string; stop: string };
  /** What makes the figures untrustworthy: failed starts or stops, processes left behind, missing events. */
  problems: string[];
  error: string | undefined;
  failed: boolean;
}

/** Beyond this share of one core used by unnamed work in a window, its figures are likely skewed. */
const OTHER_WORK_LIMIT = 35;

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export function summarize(rounds: RoundResult[]): LifecycleSummary | undefined {
  if (rounds.length === 0) {
    return undefined;
  }
  const apiStart = spread(rounds.map((r) => r.api.start.wallMs));
  const baselineStart = spread(rounds.map((r) => r.baseline.start.wallMs));
  const memory = rounds.map((r) => r.api.memory.perServerKb).filter((kb): kb is number => kb !== undefined);
  return {
    apiStartMs: apiStart,
    baselineStartMs: baselineStart,
    startRatio: { ...spread(rounds.map((r) => r.startRatio)), ofMedians: apiStart.median / baselineStart.median },
    apiStopMs: spread(rounds.map((r) => r.api.stop.wallMs)),
    baselineStopMs: spread(rounds.map((r) => r.baseline.stop.wallMs)),
    stopsEscalated: rounds.reduce((sum, r) => sum + r.api.stop.events.escalated, 0),
    startFailures: rounds.reduce((sum, r) => sum + r.api.start.failed + r.baseline.start.failed, 0),
    stopFailures: rounds.reduce((sum, r) => sum + r.api.stop.failed + r.baseline.stop.failures.length, 0),
    memoryPerServerKb: memory.length > 0 ? spread(memory) : undefined,
    startCpuPerServerMs: {
      api: medianPerName(rounds.map((r) => cpuPerServerMs(r.api.start.cpu, r.api.start.wallMs, r.api.start.succeeded))),
      baseline: medianPerName(rounds.map((r) => cpuPerServerMs(r.baseline.start.cpu, r.baseline.start.wallMs, r.baseline.start.succeeded))),
    },
  };
}

/** CPU of each named process during a window, in ms per server started in it. */
export function cpuPerServerMs(cpu: CpuShares, wallMs: number, servers: number): Record<string, number> {
  const perServer: Record<string, number> = {};
  for (const [name, percentOfCore] of Object.entries(cpu.processes)) {
    if (percentOfCore !== undefined && servers > 0) {
      perServer[name] = ((percentOfCore / 100) * wallMs) / servers;
    }
  }
  return perServer;
}

function medianPerName(rows: Record<string, number>[]): Record<string, number> {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return Object.fromEntries(names.map((name) => [name, spread(rows.map((row) => row[name]).filter((v) => v !== undefined)).median]));
}

export function startVerdict(summary: LifecycleSummary | undefined, targets: LifecycleTargets, rounds: number): string {
  if (!summary) {
    return 'FAILED (no round completed)';
  }
  const met = summary.startRatio.median <= targets.startRatio && summary.startFailures === 0;
  const within = `${summary.startRatio.max <= targets.startRatio ? 'every' : 'not every'} round within`;
  return `${met ? 'MET' : 'NOT MET'} (median ratio ${ratio(summary.startRatio.median)} over ${rounds} round(s), ${within}; ${summary.startFailures} failed starts; target ≤ ${ratio(targets.startRatio)} × the bare SDK client)`;
}

export function stopVerdict(summary: LifecycleSummary | undefined, targets: LifecycleTargets): string {
  if (!summary) {
    return 'FAILED (no round completed)';
  }
  const met = summary.apiStopMs.median <= targets.stopMs && summary.stopsEscalated === 0 && summary.stopFailures === 0;
  return `${met ? 'MET' : 'NOT MET'} (median ${seconds(summary.apiStopMs.median)} s, slowest round ${seconds(summary.apiStopMs.max)} s, ${summary.stopsEscalated} stops needed SIGKILL; target ≤ ${seconds(targets.stopMs)} s with no SIGKILL)`;
}

// ---- tables ----

const COLUMNS = [
  'Round',
  'Order',
  'API start s',
  'Baseline start s',
  'Ratio',
  'API stop s',
  'SIGKILLs',
  'Baseline stop s',
  'API RSS idle MiB',
  'API RSS running MiB',
  'KiB/server',
];

function roundCells(r: RoundResult): string[] {
  const m = r.api.memory;
  return [
    String(r.round),
    r.order,
    seconds(r.api.start.wallMs),
    seconds(r.baseline.start.wallMs),
    ratio(r.startRatio),
    seconds(r.api.stop.wallMs),
    String(r.api.stop.events.escalated),
    seconds(r.baseline.stop.wallMs),
    mib(m.idleKb),
    mib(m.runningKb),
    m.perServerKb === undefined ? 'n/a' : String(Math.round(m.perServerKb)),
  ];
}

function medianCells(s: LifecycleSummary): string[] {
  return [
    'median',
    '',
    seconds(s.apiStartMs.median),
    seconds(s.baselineStartMs.median),
    ratio(s.startRatio.median),
    seconds(s.apiStopMs.median),
    String(s.stopsEscalated),
    seconds(s.baselineStopMs.median),
    '',
    '',
    s.memoryPerServerKb ? String(Math.round(s.memoryPerServerKb.median)) : 'n/a',
  ];
}

function rows(report: LifecycleReport): string[][] {
  return [...report.rounds.map(roundCells), ...(report.summary ? [medianCells(report.summary)] : [])];
}

// ---- notes ----

function notes(report: LifecycleReport): string[] {
  const s = report.settings;
  const lines = [
    `Each round: bulk start of the ${s.servers} registered stdio servers with one POST /api/mcp/servers/bulk/start (wall time until the response), then bulk stop with one POST /bulk/stop; and the same ${s.servers} processes started with the bare SDK client (@modelcontextprotocol/client Client, versionNegotiation auto, a StdioClientTransport subclass so the discover probe runs in place as the API's does, the same listChanged options as the API's client, then tools/resources/prompts listed in parallel) and closed. Both sides run ${s.bulkConcurrency} at a time (${s.bulkConcurrencySource}). The order alternates by round.`,
    `Servers: \`${s.command} ${s.fixture}\`. The API spawns them through \`setpriv --pdeathsig KILL\` in their own process group and records every step in PostgreSQL (runs, catalog, state transitions, events, audit); the baseline only spawns and talks MCP.`,
    `Memory: VmRSS of the API process ${seconds(s.settleMs)} s after the bulk start answered, minus VmRSS just before it (the fleet stopped, after the same pause), divided by ${s.servers}. It includes garbage the API had not collected yet; "after stop" shows what remained.`,
    `Stop: the \`server.stopped\` events of the bulk stop (found by its correlation id) must number ${s.servers}, with data.escalated and data.leftovers false; the fixture exits on stdin EOF, so no stop should need SIGTERM, let alone SIGKILL.`,
  ];
  for (const r of report.rounds) {
    lines.push(`  Round ${r.round}: ${describeRound(r)}`);
  }
  lines.push(
    `Fixture processes on the machine (\`pgrep -f v2-server.mjs\`, any user or run): ${report.fixtureProcessesOnMachine.before} before, ${report.fixtureProcessesOnMachine.after ?? 'n/a'} after. This run's own (marked by an environment variable) are counted in each round above.`,
    ...busyMachineWarning(report.machine),
    ...interferenceWarnings(report),
    ...report.problems.map((problem) => `PROBLEM: ${problem}`),
    ...(report.error ? [`ERROR: ${report.error}`] : []),
  );
  return lines;
}

function describeRound(r: RoundResult): string {
  const a = r.api;
  const b = r.baseline;
  return [
    `API start ${a.start.succeeded} ok/${a.start.failed} failed, handler ${seconds(a.start.serverExecutionTimeMs)} s, per server p50 ${ms(a.start.itemMs.p50)} ms max ${ms(a.start.itemMs.max)} ms, protocol ${describeVersions(a.start.protocolVersions)}, ${a.start.processes} processes running, CPU ${describeCpu(a.start.cpu)} (per server: ${describePerServer(cpuPerServerMs(a.start.cpu, a.start.wallMs, a.start.succeeded))})`,
    `baseline start ${b.start.succeeded} ok/${b.start.failed} failed, per server p50 ${ms(b.start.itemMs.p50)} ms max ${ms(b.start.itemMs.max)} ms, protocol ${describeVersions(b.start.protocolVersions)}, ${b.start.processes} processes running, CPU ${describeCpu(b.start.cpu)} (per server: ${describePerServer(cpuPerServerMs(b.start.cpu, b.start.wallMs, b.start.succeeded))})`,
    `API stop ${a.stop.succeeded} ok/${a.stop.failed} failed, handler ${seconds(a.stop.serverExecutionTimeMs)} s, per server p50 ${ms(a.stop.itemMs.p50)} ms max ${ms(a.stop.itemMs.max)} ms, ${a.stop.events.found} server.stopped events (${a.stop.events.escalated} escalated, ${a.stop.events.leftovers} with leftovers, ${a.stop.events.nonZeroExit} non-zero exits), ${a.stop.processesLeft} processes left, CPU ${describeCpu(a.stop.cpu)}`,
    `baseline stop ${b.stop.failures.length} failed, ${b.stop.processesLeft} processes left, CPU ${describeCpu(b.stop.cpu)}`,
    `API RSS after stop ${mib(a.memory.afterStopKb)} MiB`,
    ...[...a.start.failures, ...a.stop.failures, ...b.start.failures, ...b.stop.failures].slice(0, 5).map((f) => `failure: ${f}`),
  ].join('; ');
}

function interferenceWarnings(report: LifecycleReport): string[] {
  const windows = report.rounds.flatMap((r) => [
    { label: `round ${r.round} API start`, cpu: r.api.start.cpu },
    { label: `round ${r.round} API stop`, cpu: r.api.stop.cpu },
    { label: `round ${r.round} baseline start`, cpu: r.baseline.start.cpu },
  ]);
  return windows
    .filter(({ cpu }) => (cpu.rest ?? 0) > OTHER_WORK_LIMIT)
    .map(
      ({ label, cpu }) =>
        `WARNING: other work used ${percent(cpu.rest)} of a core during the ${label} window (PostgreSQL's shared processes included); its figures are likely skewed.`,
    );
}

// ---- documents ----

export function renderConsole(report: LifecycleReport): string {
  const m = report.machine;
  return [
    '',
    `Lifecycle benchmark (${report.mode}) - ${report.startedAt}`,
    `${m.cpuModel} x ${m.cpuCount}, Node ${m.node}, PostgreSQL ${m.postgres}, load average ${m.loadAverageAtStart} at start`,
    '',
    ...textTable(COLUMNS, rows(report), 2),
    '',
    ...notes(report),
    '',
    `Start target: ${report.verdicts.start}`,
    `Stop target: ${report.verdicts.stop}`,
    `Memory per running server (API RSS): ${describeMemory(report.summary)}`,
    `CPU per server started (median): ${describeStartCpu(report.summary)}`,
  ].join('\n');
}

export function renderMarkdown(report: LifecycleReport): string {
  const m = report.machine;
  const s = report.settings;
  const build = report.build;
  return [
    '# Lifecycle benchmark - latest run',
    '',
    'Generated by `bench/lifecycle.ts`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${report.startedAt} (${report.mode} mode)`,
    `- Machine: ${m.cpuModel} x ${m.cpuCount} CPUs, ${m.memoryGb} GB RAM, ${m.platform}, load average ${m.loadAverageAtStart} at start`,
    `- Node ${m.node}, PostgreSQL ${m.postgres}, DATABASE_POOL_SIZE: ${s.databasePoolSize}, authentication: ${s.authentication}`,
    build ? `- API build: \`${build.path}\`, built ${build.modifiedAt}, sha256 ${build.sha256.slice(0, 12)}` : '- API build: not started',
    `- ${s.servers} stdio servers, ${s.rounds} round(s), ${s.bulkConcurrency} at a time (${s.bulkConcurrencySource})${report.registration ? `; registered in ${seconds(report.registration.durationMs)} s (not part of the figures)` : ''}`,
    `- **Start target: ${report.verdicts.start}**`,
    `- **Stop target: ${report.verdicts.stop}**`,
    `- **Memory per running server (API RSS): ${describeMemory(report.summary)}**`,
    `- CPU per server started (median): ${describeStartCpu(report.summary)}`,
    '',
    ...markdownTable(COLUMNS, rows(report), 2),
    '',
    '## Notes',
    '',
    ...notes(report).map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)),
    '',
  ].join('\n');
}

/** `lifecycle-<timestamp>.json` keeps every run (git-ignored); `lifecycle.json` and `lifecycle.md` hold the latest. */
export async function writeReport(report: LifecycleReport, resultsDir: string): Promise<{ json: string; markdown: string }> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const quick = report.mode === 'quick';
  const json = join(resultsDir, `lifecycle-${stamp}${quick ? '-quick' : ''}.json`);
  // A smoke test must not replace the figures of the last real run.
  const latestJson = join(resultsDir, quick ? 'lifecycle-quick.json' : 'lifecycle.json');
  const markdown = join(resultsDir, quick ? 'lifecycle-quick.md' : 'lifecycle.md');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(json, text);
  await writeFile(latestJson, text);
  await writeFile(markdown, renderMarkdown(report));
  return { json, markdown };
}

// ---- formatting ----

function describeStartCpu(summary: LifecycleSummary | undefined): string {
  if (!summary) {
    return 'n/a';
  }
  const { api, baseline } = summary.startCpuPerServerMs;
  return `API side ${describePerServer(api)}; baseline side ${describePerServer(baseline)}`;
}

function describeMemory(summary: LifecycleSummary | undefined): string {
  const memory = summary?.memoryPerServerKb;
  if (!memory) {
    return 'n/a';
  }
  return `median ${Math.round(memory.median)} KiB per server (rounds ${Math.round(memory.min)} to ${Math.round(memory.max)} KiB)`;
}

/** The non-zero entries, e.g. "API 9 ms, API servers 310 ms". */
function describePerServer(perServer: Record<string, number>): string {
  const entries = Object.entries(perServer).filter(([, value]) => Math.round(value) > 0);
  return entries.length === 0 ? 'n/a' : entries.map(([name, value]) => `${name} ${Math.round(value)} ms`).join(', ');
}

function describeVersions(versions: Record<string, number>): string {
  const entries = Object.entries(versions);
  return entries.length === 0 ? 'n/a' : entries.map(([version, n]) => `${version} x ${n}`).join(', ');
}

function describeCpu(cpu: CpuShares): string {
  const named = Object.entries(cpu.processes).map(([name, value]) => `${name} ${percent(value)}`);
  return [...named, `everything else ${percent(cpu.rest)}`, `machine ${percent(cpu.machine)} busy`].join(', ');
}

function seconds(valueMs: number): string {
  return (valueMs / 1000).toFixed(2);
}

function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

function ms(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value)) : '-';
}

function mib(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : (kb / 1024).toFixed(1);
}

function percent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(0)}%`;
}
