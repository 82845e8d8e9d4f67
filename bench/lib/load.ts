import { cpus } from 'node:os';

import autocannon from 'autocannon';

import { type CpuProbe, machineCpuMs, percentOfCore } from './cpu';

export interface LoadSettings {
  connections: number;
  pipelining: number;
  warmupSeconds: number;
  durationSeconds: number;
  timeoutSeconds: number;
}

export interface LoadSummary {
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  requestsPerSecond: number;
  totalRequests: number;
  non2xx: number;
  /** Connection errors, timeouts included (autocannon's `errors`). */
  errors: number;
  timeouts: number;
  durationSeconds: number;
  warmup: { totalRequests: number; non2xx: number; errors: number };
  /**
   * CPU used during the measured run, in % of one core. The load generator shares the
   * machine; `rest` is everything else (PostgreSQL, but also any unrelated process).
   */
  cpuPercent: { api: number | undefined; loadGenerator: number; rest: number | undefined; machine: number };
  failed: boolean;
}

/** Warm-up (results discarded, errors still count), then the measured run. */
export async function measure(
  url: string,
  headers: Record<string, string>,
  settings: LoadSettings,
  apiCpu: CpuProbe,
  nextPath?: () => string,
): Promise<LoadSummary> {
  const warmup = await fire(url, headers, settings, settings.warmupSeconds, nextPath);
  const before = { wall: performance.now(), client: process.cpuUsage(), api: await apiCpu(), machine: machineCpuMs() };
  const result = await fire(url, headers, settings, settings.durationSeconds, nextPath);
  const wallMs = performance.now() - before.wall;
  const clientCpu = process.cpuUsage(before.client);
  const apiAfter = await apiCpu();
  const machineAfter = machineCpuMs();
  return {
    ...summarise(result, warmup),
    cpuPercent: cpuShares(wallMs, {
      api: before.api === undefined || apiAfter === undefined ? undefined : apiAfter - before.api,
      loadGenerator: (clientCpu.user + clientCpu.system) / 1000,
      machineBusy: machineAfter.busy - before.machine.busy,
      machineTotal: machineAfter.total - before.machine.total,
    }),
  };
}

interface CpuSpent {
  api: number | undefined;
  loadGenerator: number;
  machineBusy: number;
  machineTotal: number;
}

function cpuShares(wallMs: number, spent: CpuSpent): LoadSummary['cpuPercent'] {
  const cores = cpus().length;
  const machine = spent.machineTotal > 0 ? (spent.machineBusy / spent.machineTotal) * 100 : 0;
  const api = spent.api === undefined ? undefined : percentOfCore(spent.api, wallMs);
  const loadGenerator = percentOfCore(spent.loadGenerator, wallMs);
  const rest = api === undefined ? undefined : Math.max(0, machine * cores - api - loadGenerator);
  return { api, loadGenerator, rest, machine };
}

function fire(
  url: string,
  headers: Record<string, string>,
  settings: LoadSettings,
  durationSeconds: number,
  nextPath?: () => string,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'GET',
    headers,
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: durationSeconds,
    timeout: settings.timeoutSeconds,
    // A fresh path per request, for variants that must not hit the same cached page.
    ...(nextPath ? { requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }] } : {}),
  });
}

function summarise(result: autocannon.Result, warmup: autocannon.Result): Omit<LoadSummary, 'cpuPercent'> {
  const warmupErrors = warmup.non2xx + warmup.errors;
  return {
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    warmup: { totalRequests: warmup.requests.total, non2xx: warmup.non2xx, errors: warmup.errors },
    failed: result.non2xx > 0 || result.errors > 0 || result.requests.total === 0 || warmupErrors > 0,
  };
}
