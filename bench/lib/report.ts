import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';

import type { LiveFleetFigures } from './live-fleet';
import type { LoadSettings, LoadSummary } from './load';
import type { SeedOutcome } from './seed';

export interface MachineInfo {
  node: string;
  platform: string;
  cpuModel: string;
  cpuCount: number;
  memoryGb: number;
  postgres: string;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverageAtStart: number;
}

export type VariantRole = 'headline' | 'list' | 'reference';

export interface VariantResult {
  id: string;
  label: string;
  path: string;
  role: VariantRole;
  /** Size of one response body, from the check request before the run. */
  responseBytes: number;
  summary: LoadSummary;
  /** Whether p99 stayed within the target; undefined for reference variants. */
  withinTarget: boolean | undefined;
}

/** Which API bundle was measured: figures of different builds are not comparable. */
export interface BuildInfo {
  path: string;
  modifiedAt: string;
  sha256: string;
}

export interface RunReport {
  benchmark: 'registry';
  startedAt: string;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  build: BuildInfo;
  settings: LoadSettings & { databasePoolSize: string; authentication: string };
  seed: SeedOutcome;
  targetP99Ms: number;
  variants: VariantResult[];
  /** The list while a fleet of real servers runs with health probes (live figures written all along). */
  liveFleet?: LiveFleetFigures;
  /** Set when the run stopped early, e.g. because the API died. */
  aborted?: string;
  failed: boolean;
  headlineTargetMet: boolean;
}

export interface WrittenFiles {
  json: string;
  markdown: string;
}

/** Call before any load, so the load average reflects the rest of the machine. */
export async function describeBuild(path: string): Promise<BuildInfo> {
  const [content, info] = await Promise.all([readFile(path), stat(path)]);
  // Relative to the repository, so saved results name no machine's folders.
  const shown = relative(join(__dirname, '..', '..'), path) || path;
  return { path: shown, modifiedAt: info.mtime.toISOString(), sha256: createHash('sha256').update(content).digest('hex') };
}

export function describeMachine(postgres: string): MachineInfo {
  const processors = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cpuCount: processors.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    postgres,
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function verdict(report: RunReport): string {
  if (report.aborted) {
    return `FAILED (aborted: ${report.aborted})`;
  }
  if (report.failed) {
    return 'FAILED (non-2xx responses or errors, see the table)';
  }
  return `${report.headlineTargetMet ? 'MET' : 'NOT MET'} (headline p99 ${headline(report)?.summary.latencyMs.p99 ?? '?'} ms, target ≤ ${report.targetP99Ms} ms)`;
}

/** Load average per CPU from which a run counts as disturbed by other work. */
const BUSY_LOAD_PER_CPU = 0.5;

const COLUMNS = ['Variant', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'req/s', 'requests', 'non-2xx', 'errors', 'p99 target'];

function rowCells(variant: VariantResult): string[] {
  const { latencyMs, requestsPerSecond, totalRequests, non2xx, errors } = variant.summary;
  return [
    variant.role === 'headline' ? `${variant.label} *` : variant.label,
    formatMs(latencyMs.p50),
    formatMs(latencyMs.p90),
    formatMs(latencyMs.p99),
    formatMs(latencyMs.max),
    requestsPerSecond.toFixed(0),
    String(totalRequests),
    String(non2xx),
    String(errors),
    variant.withinTarget === undefined ? '-' : variant.withinTarget ? 'met' : 'NOT met',
  ];
}

/** Plain-text summary for the terminal. */
export function renderConsole(report: RunReport): string {
  const rows = [COLUMNS, ...report.variants.map(rowCells)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [
    '',
    `Registry list benchmark (${report.mode}) - ${report.startedAt}`,
    `${report.machine.cpuModel} x ${report.machine.cpuCount}, Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}`,
    `${report.seed.count} servers seeded in ${(report.seed.durationMs / 1000).toFixed(1)} s; ${loadDescription(report)}`,
    '',
    line(rows[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
    '',
    `* headline figure. CPU during the measured runs (% of one core; the machine has ${report.machine.cpuCount}):`,
    ...report.variants.map((v) => `  ${v.label}: ${describeCpu(v)}`),
    ...busyMachineWarning(report.machine),
    ...warmupProblems(report),
    ...ratioLines(report),
    '',
    `Target p99 ≤ ${report.targetP99Ms} ms: ${verdict(report)}`,
  ].join('\n');
}

/** Throughput of each list variant as a share of /health in the same run, and the live-fleet figures. */
function ratioLines(report: RunReport): string[] {
  const health = report.variants.find((v) => v.role === 'reference');
  const lines = health
    ? report.variants
        .filter((v) => v.role !== 'reference')
        .map((v) => `  ${v.label}: ${(v.summary.requestsPerSecond / health.summary.requestsPerSecond).toFixed(2)} × /health throughput`)
    : [];
  const live = report.liveFleet;
  return [
    '',
    'Throughput against GET /health in the same run:',
    ...lines,
    ...(live
      ? [
          '',
          `With ${live.runningServers} servers running (probes every ${live.probeIntervalMs / 1000} s): list cache hit rate ` +
            `${(live.cacheHitRate * 100).toFixed(2)} % of ${live.cacheLookups} lookups; registry revision ${live.revisionBefore} → ${live.revisionAfter}` +
            (live.revisionBefore === live.revisionAfter ? ' (unchanged)' : ' (MOVED)'),
        ]
      : []),
  ];
}

/** Warm-up figures are discarded, but its failures still fail the run, so they are shown. */
function warmupProblems(report: RunReport): string[] {
  return report.variants
    .filter((v) => v.summary.warmup.non2xx + v.summary.warmup.errors > 0)
    .map((v) => `Warm-up of "${v.label}": ${v.summary.warmup.non2xx} non-2xx, ${v.summary.warmup.errors} errors`);
}

export function renderMarkdown(report: RunReport): string {
  const { machine, settings, seed } = report;
  return [
    '# Registry list benchmark - latest run',
    '',
    'Generated by `bench/registry.ts`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${report.startedAt} (${report.mode} mode)`,
    `- Machine: ${machine.cpuModel} x ${machine.cpuCount} CPUs, ${machine.memoryGb} GB RAM, ${machine.platform}, load average ${machine.loadAverageAtStart} at start`,
    `- Node ${machine.node}, PostgreSQL ${machine.postgres}, DATABASE_POOL_SIZE: ${settings.databasePoolSize}, authentication: ${settings.authentication}`,
    `- API build: \`${report.build.path}\`, built ${report.build.modifiedAt}, sha256 ${report.build.sha256.slice(0, 12)}`,
    `- Load: ${loadDescription(report)}`,
    `- Seed: ${seed.count} servers through POST /api/mcp/servers, ${seed.concurrency} at a time, in ${(seed.durationMs / 1000).toFixed(1)} s (not part of the figures)`,
    `- **Target p99 ≤ ${report.targetP99Ms} ms: ${verdict(report)}**`,
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...report.variants.map((v) => `| ${rowCells(v).join(' | ')} |`),
    '',
    '\\* headline figure.',
    '',
    `CPU during the measured runs, in % of one core (the machine has ${machine.cpuCount}); the load generator runs on the same machine,`,
    'and "PostgreSQL + rest" is everything else that ran meanwhile:',
    '',
    ...report.variants.map((v) => `- ${v.label}: ${describeCpu(v)}`),
    ...ratioLines(report).map((line) => line.replace(/^ {2}/, '- ')),
    ...busyMachineWarning(report.machine).map((warning) => `\n${warning}`),
    ...warmupProblems(report).map((problem) => `\n${problem}`),
    '',
    'Requests:',
    '',
    ...report.variants.map((v) => `- ${v.label}: \`GET ${v.path}\` (${(v.responseBytes / 1024).toFixed(1)} KiB per response)`),
    '',
  ].join('\n');
}

/** `registry-<timestamp>.json` keeps every run (git-ignored); `registry.json` and `registry.md` hold the latest. */
export async function writeReport(report: RunReport, resultsDir: string): Promise<WrittenFiles> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const suffix = report.mode === 'quick' ? '-quick' : '';
  const json = join(resultsDir, `registry-${stamp}${suffix}.json`);
  // A smoke test must not replace the figures of the last real run.
  const markdown = join(resultsDir, report.mode === 'quick' ? 'registry-quick.md' : 'registry.md');
  const latestJson = join(resultsDir, report.mode === 'quick' ? 'registry-quick.json' : 'registry.json');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(latestJson, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, renderMarkdown(report));
  return { json, markdown };
}

function describeCpu(variant: VariantResult): string {
  const cpu = variant.summary.cpuPercent;
  return [
    `API ${formatPercent(cpu.api)}`,
    `load generator ${formatPercent(cpu.loadGenerator)}`,
    `PostgreSQL + rest ${formatPercent(cpu.rest)}`,
    `machine ${formatPercent(cpu.machine)} busy`,
  ].join(', ');
}

/** Figures taken on a machine that was already busy are not comparable; say so next to them. */
export function busyMachineWarning(machine: MachineInfo): string[] {
  const { loadAverageAtStart, cpuCount } = machine;
  return loadAverageAtStart >= BUSY_LOAD_PER_CPU * cpuCount
    ? [
        `WARNING: the machine was busy when the run started (load average ${loadAverageAtStart} on ${cpuCount} CPUs); figures are likely skewed.`,
      ]
    : [];
}

function headline(report: RunReport): VariantResult | undefined {
  return report.variants.find((v) => v.role === 'headline');
}

function loadDescription(report: RunReport): string {
  const s = report.settings;
  return `autocannon, ${s.connections} connections, pipelining ${s.pipelining}, ${s.warmupSeconds} s warm-up + ${s.durationSeconds} s measured per variant`;
}

function formatMs(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function formatPercent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(0)}%`;
}
