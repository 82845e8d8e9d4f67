import type { BuildInfo, MachineInfo } from './report';
import { busyMachineWarning } from './report';
import { type LatencySummary, roundFigure, roundSummary, summarizeLatency } from './stats';
import { markdownTable } from './tables';

export interface GatewaySettings {
  rounds: number;
  /** Measured calls per path, level and round, shared out over the clients. */
  callsPerCell: number;
  /** Calls per client before each measured cell, discarded. */
  warmupCalls: number;
}

/** What the benchmark gathered for one path. */
export interface PathSamples {
  id: string;
  label: string;
  how: string;
  protocol?: string;
  /** The path it is held against (the direct client of the same protocol revision); none for those. */
  baseline?: string;
  unavailable?: string;
  failed?: string;
  /** Per number of clients: every measured call (ms), the p50 of each round, the measured wall time. */
  samples: Map<number, number[]>;
  roundP50s: Map<number, number[]>;
  measuredMs: Map<number, number>;
}

export interface LevelFigures {
  clients: number;
  latencyMs: LatencySummary;
  /** All clients together, over the measured calls of every round. */
  callsPerSecond: number;
  roundP50Ms: number[];
  /** Against its baseline path at the same number of clients. */
  addedP50Ms?: number;
  p50Ratio?: number;
  p99Ratio?: number;
}

export interface PathResult {
  id: string;
  label: string;
  how: string;
  protocol: string | null;
  baseline: string | null;
  /** Why there are no figures (or not all of them); undefined when the path ran through. */
  problem: string | null;
  levels: LevelFigures[];
}

export interface GatewayReport {
  benchmark: 'gateway';
  date: string;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  build: BuildInfo;
  database: string;
  settings: GatewaySettings & { levels: number[]; server: string; tool: string };
  peers: { name: string; version: string; commandLine: string }[];
  paths: PathResult[];
}

export function summarizePaths(paths: PathSamples[], levels: number[]): PathResult[] {
  const results = paths.map((p) => ({
    id: p.id,
    label: p.label,
    how: p.how,
    protocol: p.protocol ?? null,
    baseline: p.baseline ?? null,
    problem: p.unavailable ?? (p.failed ? `failed: ${p.failed}` : null),
    levels: levels
      .filter((clients) => (p.samples.get(clients)?.length ?? 0) > 0)
      .map((clients) => {
        const samples = p.samples.get(clients) ?? [];
        return {
          clients,
          latencyMs: roundSummary(summarizeLatency(samples)),
          callsPerSecond: Math.round((samples.length * 1000) / (p.measuredMs.get(clients) ?? Number.NaN)),
          roundP50Ms: (p.roundP50s.get(clients) ?? []).map(roundFigure),
        };
      }),
  }));
  for (const result of results) {
    const baseline = results.find((r) => r.id === result.baseline);
    for (const level of result.levels as LevelFigures[]) {
      const base = baseline?.levels.find((l) => l.clients === level.clients)?.latencyMs;
      if (base) {
        level.addedP50Ms = roundFigure(level.latencyMs.p50 - base.p50);
        level.p50Ratio = Math.round((level.latencyMs.p50 / base.p50) * 100) / 100;
        level.p99Ratio = Math.round((level.latencyMs.p99 / base.p99) * 100) / 100;
      }
    }
  }
  return results;
}

export function renderMarkdown(report: GatewayReport): string {
  const { machine, settings } = report;
  const levels = settings.levels;
  const figures = (result: PathResult, cell: (level: LevelFigures) => string[], width: number) =>
    levels.flatMap((clients) => {
      const level = result.levels.find((l) => l.clients === clients);
      return level ? cell(level) : Array.from({ length: width }, () => (result.problem ? '-' : 'n/a'));
    });
  const measured = report.paths.filter((p) => p.levels.length > 0);
  const latency = markdownTable(
    ['Path', 'protocol', ...levels.flatMap((c) => [`${clientsLabel(c)} p50`, `${clientsLabel(c)} p99`])],
    report.paths.map((p) => [p.label, p.protocol ?? '-', ...figures(p, (l) => [String(l.latencyMs.p50), String(l.latencyMs.p99)], 2)]),
    2,
  );
  const label = (id: string | null) => report.paths.find((p) => p.id === id)?.label ?? '-';
  const overhead = markdownTable(
    ['Path', 'against', ...levels.map(clientsLabel)],
    measured
      .filter((p) => p.baseline)
      .map((p) => [
        p.label,
        label(p.baseline),
        ...figures(p, (l) => [l.addedP50Ms === undefined ? 'n/a' : `${signed(l.addedP50Ms)} ms (×${l.p50Ratio}; p99 ×${l.p99Ratio})`], 1),
      ]),
    2,
  );
  const throughput = markdownTable(
    ['Path', ...levels.map((c) => `${clientsLabel(c)} calls/s`), ...levels.map((c) => `${clientsLabel(c)} calls`)],
    measured.map((p) => [
      p.label,
      ...figures(p, (l) => [String(l.callsPerSecond)], 1),
      ...figures(p, (l) => [String(l.latencyMs.count)], 1),
    ]),
  );
  const perClient = (clients: number) => Math.ceil(settings.callsPerCell / clients);
  return [
    '# MCP gateway baseline - latest run',
    '',
    'Generated by `bench/gateway.ts`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${report.date} (${report.mode} mode)`,
    `- Machine: ${machine.cpuModel} x ${machine.cpuCount} CPUs, ${machine.memoryGb} GB RAM, Node ${machine.node}, load average ${machine.loadAverageAtStart} at start`,
    `- API build: \`${report.build.path}\`, built ${report.build.modifiedAt}, sha256 ${report.build.sha256.slice(0, 12)}; database: ${report.database}`,
    `- Server: \`${settings.server}\` (stdio), tool \`${settings.tool}\` with \`{ text }\`, the same program behind every path`,
    `- Load: ${settings.rounds} interleaved rounds (the order of the paths rotates); per round, path and level ${settings.callsPerCell} measured calls shared out over the clients (${levels.map((c) => `${c} × ${perClient(c)}`).join(', ')}), after ${settings.warmupCalls} discarded call(s) per client. Each client has its own session (its own process for the direct client), and sends its calls one after the other.`,
    `- Peers: ${report.peers.map((p) => `${p.name} ${p.version} (\`${p.commandLine}\`)`).join('; ') || 'none could start'}`,
    '',
    '## Latency per call (ms)',
    '',
    ...latency,
    '',
    '## What each path adds over the direct SDK client',
    '',
    'Difference of the p50s at the same number of clients, and the ratios of the p50s and of the p99s, against the direct',
    "client that speaks the same protocol revision as the path's own client (for the REST call: the API's client).",
    '',
    ...overhead,
    '',
    '## Throughput (all clients together)',
    '',
    ...throughput,
    '',
    '## The paths',
    '',
    ...report.paths.map((p) => `- ${p.label}: ${p.how}${p.problem ? `. **${p.problem}**` : ''}`),
    ...busyMachineWarning(machine).map((warning) => `\n${warning}`),
    '',
  ].join('\n');
}

function clientsLabel(clients: number): string {
  return `${clients} client${clients === 1 ? '' : 's'}`;
}

function signed(value: number): string {
  return value >= 0 ? `+${value}` : String(value);
}
