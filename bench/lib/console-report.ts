import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { type BuildInfo, busyMachineWarning, type MachineInfo } from './report';
import { type LatencySummary, roundSummary } from './stats';
import { markdownTable, textTable } from './tables';

export interface ConsoleTargets {
  /** Navigation start to first meaningful render, per page (p95 of the rounds). */
  renderMs: number;
  /** API state change (the event's timestamp) to the change on screen (p95). */
  updateMs: number;
}

export interface ConsoleSettings {
  servers: number;
  events: number;
  eventsLastHour: number;
  renderRounds: number;
  updateChanges: number;
  viewport: string;
  browser: string;
}

export interface Measurement {
  page: string;
  what: 'render' | 'update' | 'failure';
  /** What counts as done, in words. */
  condition: string;
  samplesMs: number[];
  summary: LatencySummary;
  target: number | undefined;
}

/** Bytes on the wire (compressed bodies and headers) as Chromium's network stack counted them. */
export interface WeightFigures {
  /** A browser with an empty cache opens the sign-in page, signs in and lands on the dashboard. */
  firstVisit: { requests: number; bytes: number; byType: { type: string; requests: number; bytes: number }[] };
  /** The same, loaded again: hashed assets come from the browser cache. */
  repeatVisit: { requests: number; bytes: number };
  /** The budget the issue sets for the first visit. */
  budgetBytes: number;
  /** GET /api/mcp/servers per load of the servers list (target 1). */
  listFetchesPerLoad: number[];
}

export interface ConsoleReport {
  benchmark: 'console';
  startedAt: string;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  build: BuildInfo | undefined;
  settings: ConsoleSettings;
  targets: ConsoleTargets;
  seeding: { serversMs: number; eventsMs: number } | undefined;
  measurements: Measurement[];
  weight: WeightFigures | undefined;
  problems: string[];
  error: string | undefined;
  failed: boolean;
}

export function measurement(
  page: string,
  what: Measurement['what'],
  condition: string,
  samplesMs: number[],
  target: number | undefined,
): Measurement {
  return {
    page,
    what,
    condition,
    samplesMs: samplesMs.map((v) => Math.round(v * 10) / 10),
    summary: roundSummary(summarize(samplesMs)),
    target,
  };
}

function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const count = sorted.length;
  const rank = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))] ?? Number.NaN;
  const mean = count === 0 ? Number.NaN : sorted.reduce((sum, v) => sum + v, 0) / count;
  return { count, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[count - 1] ?? Number.NaN, mean };
}

const MEASURES: Record<Measurement['what'], string> = {
  render: 'time to first meaningful render',
  update: 'state change → on screen',
  failure: 'failure → its cause on screen',
};

const COLUMNS = ['Page', 'Measure', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'target (p95)', 'verdict'];

function rows(report: ConsoleReport): string[][] {
  return report.measurements.map((m) => [
    m.page,
    MEASURES[m.what],
    String(m.summary.count),
    String(m.summary.p50),
    String(m.summary.p95),
    String(m.summary.max),
    m.target === undefined ? '-' : `≤ ${m.target} ms`,
    m.target === undefined ? '-' : m.summary.p95 <= m.target ? 'met' : 'NOT met',
  ]);
}

const WEIGHT_COLUMNS = ['Load', 'by type (requests)', 'requests', 'transferred'];

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function weightRows(weight: WeightFigures): string[][] {
  return [
    [
      'first visit (sign-in + dashboard), empty cache',
      weight.firstVisit.byType.map((t) => `${t.type} ${kb(t.bytes)} (${t.requests})`).join(', '),
      String(weight.firstVisit.requests),
      kb(weight.firstVisit.bytes),
    ],
    ['dashboard again, warm cache', 'hashed assets from the cache', String(weight.repeatVisit.requests), kb(weight.repeatVisit.bytes)],
  ];
}

function weightVerdict(weight: WeightFigures): string {
  const budget = weight.firstVisit.bytes < weight.budgetBytes ? 'met' : 'NOT met';
  const once = weight.listFetchesPerLoad.every((n) => n === 1) ? 'met' : 'NOT met';
  return (
    `First visit ${kb(weight.firstVisit.bytes)} against a budget of ${kb(weight.budgetBytes)} (1 MB): ${budget}. ` +
    `GET /api/mcp/servers per servers-list load: ${weight.listFetchesPerLoad.join(', ')} (target 1): ${once}.`
  );
}

function notes(report: ConsoleReport): string[] {
  return [
    ...busyMachineWarning(report.machine),
    ...report.measurements.map((m) => `${m.page} ${m.what}: ${m.condition}`),
    ...report.problems.map((p) => `PROBLEM: ${p}`),
    ...(report.error ? [`ERROR: ${report.error}`] : []),
  ];
}

export function renderConsole(report: ConsoleReport): string {
  const m = report.machine;
  const s = report.settings;
  return [
    '',
    `Console benchmark (${report.mode}) - ${report.startedAt}`,
    `${m.cpuModel} x ${m.cpuCount}, Node ${m.node}, PostgreSQL ${m.postgres}, ${s.browser}, load average ${m.loadAverageAtStart} at start`,
    `${s.servers} servers, ${s.events} events (${s.eventsLastHour} in the last hour), viewport ${s.viewport}`,
    '',
    ...textTable(COLUMNS, rows(report), 2),
    '',
    ...(report.weight ? [...textTable(WEIGHT_COLUMNS, weightRows(report.weight), 2), '', weightVerdict(report.weight), ''] : []),
    ...notes(report),
  ].join('\n');
}

export function renderMarkdown(report: ConsoleReport): string {
  const m = report.machine;
  const s = report.settings;
  return [
    '# Console benchmark - latest run',
    '',
    'Generated by `bench/console.ts`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${report.startedAt} (${report.mode} mode)`,
    `- Machine: ${m.cpuModel} x ${m.cpuCount} CPUs, ${m.memoryGb} GB RAM, ${m.platform}, load average ${m.loadAverageAtStart} at start`,
    `- Node ${m.node}, PostgreSQL ${m.postgres}, ${s.browser} (headless), viewport ${s.viewport}`,
    report.build
      ? `- API build: \`${report.build.path}\`, built ${report.build.modifiedAt}, sha256 ${report.build.sha256.slice(0, 12)}`
      : '- API build: not started',
    `- Data: ${s.servers} servers, ${s.events} events (${s.eventsLastHour} in the last hour)${report.seeding ? `; seeded in ${(report.seeding.serversMs / 1000).toFixed(1)} s + ${(report.seeding.eventsMs / 1000).toFixed(1)} s (not part of the figures)` : ''}`,
    `- ${s.renderRounds} loads per page after one warm-up load; ${s.updateChanges} state changes per page`,
    '',
    ...markdownTable(COLUMNS, rows(report), 2),
    '',
    ...(report.weight
      ? [
          '## Weight',
          '',
          'Bytes on the wire (compressed bodies and headers) as Chromium counted them; WebSocket frames are not included.',
          '',
          ...markdownTable(WEIGHT_COLUMNS, weightRows(report.weight), 2),
          '',
          weightVerdict(report.weight),
          '',
        ]
      : []),
    '## Notes',
    '',
    ...notes(report).map((line) => `- ${line}`),
    '',
  ].join('\n');
}

/** `console-<timestamp>.json` keeps every run (git-ignored); `console.json` and `console.md` hold the latest. */
/**
 * Writes the run as `console.*` (a full run of the default fleet), `console-<N>.*` (a full run
 * of another fleet size, `--servers N`) or `console-quick.*`, plus a timestamped JSON.
 */
export async function writeReport(
  report: ConsoleReport,
  resultsDir: string,
  defaultServers: number,
): Promise<{ json: string; markdown: string }> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const quick = report.mode === 'quick';
  const base = quick ? 'console-quick' : report.settings.servers === defaultServers ? 'console' : `console-${report.settings.servers}`;
  const json = join(resultsDir, `console-${stamp}${quick ? '-quick' : ''}.json`);
  const latestJson = join(resultsDir, `${base}.json`);
  const markdown = join(resultsDir, `${base}.md`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(json, text);
  await writeFile(latestJson, text);
  await writeFile(markdown, renderMarkdown(report));
  return { json, markdown };
}
