import { monitorEventLoopDelay } from 'node:perf_hooks';

import { type CpuProbe, type CpuShares, ownCpu, startCpuWindow } from './cpu';
import { type ClientFleet, connectClients, type Receipt } from './socket-clients';
import { type LatencySummary, roundFigure, roundSummary, summarizeLatency } from './stats';

export interface FanoutSettings {
  clients: number;
  /** Socket.IO handshakes in flight at once while connecting. */
  connectConcurrency: number;
  /** PATCHes (so events) per second. */
  eventsPerSecond: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** How long to wait after the last PATCH for deliveries still on their way. */
  graceMs: number;
}

export interface FanoutResult {
  clients: number;
  connectSeconds: number;
  /** Events produced (one PATCH each), warm-up included; every client should receive each once. */
  events: number;
  measuredEvents: number;
  achievedEventsPerSecond: number;
  deliveries: { expected: number; received: number; missing: number; duplicates: number; outOfOrder: number };
  /** `new_event`s that were not one of the PATCHes' events (none expected). */
  otherEvents: number;
  disconnects: number;
  exceptions: string[];
  /**
   * Per delivery, measured events only. Receipt minus the event's timestamp, which the API stamps
   * just before the write: an upper bound of commit-to-receipt.
   */
  latencyMs: LatencySummary;
  /**
   * Receipt minus the arrival of the PATCH response, which the API sends after the commit: a
   * lower bound of commit-to-receipt (negative when the socket beat the HTTP response).
   */
  afterResponseMs: LatencySummary;
  /** Per event, the slowest client's upper-bound latency: how long until everyone had it. */
  lastClientMs: LatencySummary;
  /** PATCH round trip (update, event commit and audit row), measured events only. */
  patchMs: LatencySummary;
  /** Event-loop delay of this process, which receives for all clients: part of every latency above. */
  clientEventLoopDelayP99Ms: number;
  cpu: CpuShares;
}

/** The API's side of the run: where to send requests and how to read its CPU time. */
export interface FanoutTarget {
  url: string;
  headers: Record<string, string>;
  token: string;
  apiCpu: CpuProbe;
  /** The PostgreSQL backends of the API's database. */
  postgresCpu: CpuProbe;
  /** Where the PATCHes go when not to `url`: another replica, so events cross between replicas. */
  producerUrl?: string;
}

interface Patch {
  index: number;
  versionTo: number;
  measured: boolean;
  sentPerfMs: number;
  respondedPerfMs: number;
}

/**
 * Registers one stdio server, connects the clients, then updates the server over REST at a
 * fixed rate: each PATCH commits one `server.updated` event that the gateway pushes to every
 * client. Closes the clients before returning.
 */
export async function runFanout(target: FanoutTarget, settings: FanoutSettings, log: (message: string) => void): Promise<FanoutResult> {
  const server = await registerServer(target);
  const connectStart = performance.now();
  const fleet = await connectClients(target.url, target.token, settings.clients, settings.connectConcurrency);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  log(`${fleet.size} Socket.IO clients connected and subscribed in ${connectSeconds.toFixed(1)} s`);
  try {
    log(`Fan-out at ${settings.eventsPerSecond} events/s: ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured...`);
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    const { patches, cpu, measuredSeconds } = await producePatches(target, server, settings, loopDelay);
    await waitForDeliveries(fleet, patches.length, settings.graceMs);
    return analyse(fleet, patches, {
      connectSeconds,
      measuredSeconds,
      cpu,
      clientEventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    });
  } finally {
    fleet.closeAll();
  }
}

async function registerServer(target: FanoutTarget): Promise<{ id: string; version: number }> {
  const body = { name: 'bench-fanout', description: 'fan-out benchmark', transport: 'stdio', config: { command: 'node', args: ['x.js'] } };
  const response = await request(target, 'POST', '/api/mcp/servers', body);
  if (response.status !== 201) {
    throw new Error(`POST /api/mcp/servers answered HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
  return serverVersion(response.body);
}

async function producePatches(
  target: FanoutTarget,
  server: { id: string; version: number },
  settings: FanoutSettings,
  loopDelay: ReturnType<typeof monitorEventLoopDelay>,
): Promise<{ patches: Patch[]; cpu: CpuShares; measuredSeconds: number }> {
  const total = Math.round(settings.eventsPerSecond * (settings.warmupSeconds + settings.durationSeconds));
  const warmup = Math.round(settings.eventsPerSecond * settings.warmupSeconds);
  const intervalMs = 1000 / settings.eventsPerSecond;
  const patches: Patch[] = [];
  let version = server.version;
  let endCpuWindow: (() => Promise<CpuShares>) | undefined;
  let measuredStart = 0;
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    // Each PATCH needs the previous one's version, so they go one at a time; a slow one
    // delays the next rather than overlapping it, and shows as a lower achieved rate.
    await sleep(start + index * intervalMs - performance.now());
    if (index === warmup) {
      measuredStart = performance.now();
      loopDelay.enable();
      endCpuWindow = await startCpuWindow({
        API: target.apiCpu,
        'PostgreSQL (this database)': target.postgresCpu,
        'clients + producer': ownCpu,
      });
    }
    const sentPerfMs = performance.now();
    const response = await request(target, 'PATCH', `/api/mcp/servers/${server.id}`, { version, description: `bench update ${index}` });
    const respondedPerfMs = performance.now();
    if (response.status !== 200) {
      throw new Error(`PATCH number ${index} answered HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
    }
    version = serverVersion(response.body).version;
    patches.push({ index, versionTo: version, measured: index >= warmup, sentPerfMs, respondedPerfMs });
  }
  const measuredSeconds = (performance.now() - measuredStart) / 1000;
  loopDelay.disable();
  const cpu = (await endCpuWindow?.()) ?? { processes: {}, rest: undefined, machine: 0 };
  return { patches, cpu, measuredSeconds };
}

/** Until every client has every event, or the grace period is over (what is missing then is missing). */
async function waitForDeliveries(fleet: ClientFleet, events: number, graceMs: number): Promise<void> {
  const deadline = performance.now() + graceMs;
  while (fleet.receipts.length < fleet.size * events && performance.now() < deadline) {
    await sleep(50);
  }
}

interface RunFigures {
  connectSeconds: number;
  measuredSeconds: number;
  cpu: CpuShares;
  clientEventLoopDelayP99Ms: number;
}

function analyse(fleet: ClientFleet, patches: Patch[], figures: RunFigures): FanoutResult {
  const byVersion = new Map(patches.map((patch) => [patch.versionTo, patch]));
  // How often each client got each event, indexed client * events + patch index.
  const counts = new Uint16Array(fleet.size * patches.length);
  const lastSeq = new Float64Array(fleet.size);
  const upper: number[] = [];
  const lower: number[] = [];
  const slowest = new Float64Array(patches.length).fill(Number.NEGATIVE_INFINITY);
  let other = 0;
  let outOfOrder = 0;
  for (const receipt of fleet.receipts) {
    const patch = receipt.versionTo === undefined || receipt.type !== 'server.updated' ? undefined : byVersion.get(receipt.versionTo);
    if (!patch) {
      other++;
      continue;
    }
    counts[receipt.client * patches.length + patch.index]++;
    outOfOrder += receipt.seq <= lastSeq[receipt.client] ? 1 : 0;
    lastSeq[receipt.client] = Math.max(lastSeq[receipt.client], receipt.seq);
    if (patch.measured && counts[receipt.client * patches.length + patch.index] === 1) {
      recordLatency(receipt, patch, upper, lower, slowest);
    }
  }
  let missing = 0;
  let duplicates = 0;
  for (const count of counts) {
    missing += count === 0 ? 1 : 0;
    duplicates += Math.max(0, count - 1);
  }
  const measured = patches.filter((patch) => patch.measured);
  return {
    clients: fleet.size,
    connectSeconds: roundFigure(figures.connectSeconds),
    events: patches.length,
    measuredEvents: measured.length,
    achievedEventsPerSecond: roundFigure(measured.length / figures.measuredSeconds),
    deliveries: { expected: counts.length, received: fleet.receipts.length - other, missing, duplicates, outOfOrder },
    otherEvents: other,
    disconnects: fleet.disconnects,
    exceptions: fleet.exceptions.slice(0, 10),
    latencyMs: roundSummary(summarizeLatency(upper)),
    afterResponseMs: roundSummary(summarizeLatency(lower)),
    lastClientMs: roundSummary(summarizeLatency(measured.map((patch) => slowest[patch.index]).filter(Number.isFinite))),
    patchMs: roundSummary(summarizeLatency(measured.map((patch) => patch.respondedPerfMs - patch.sentPerfMs))),
    clientEventLoopDelayP99Ms: roundFigure(figures.clientEventLoopDelayP99Ms),
    cpu: figures.cpu,
  };
}

function recordLatency(receipt: Receipt, patch: Patch, upper: number[], lower: number[], slowest: Float64Array): void {
  const sinceStamp = receipt.receivedWallMs - receipt.eventTimestampMs;
  upper.push(sinceStamp);
  lower.push(receipt.receivedPerfMs - patch.respondedPerfMs);
  slowest[patch.index] = Math.max(slowest[patch.index], sinceStamp);
}

async function request(target: FanoutTarget, method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${target.producerUrl ?? target.url}${path}`, {
    method,
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: parseJson(text) };
}

/** A proxy or a crash may answer with something other than JSON; keep it for the error message. */
function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

function serverVersion(body: unknown): { id: string; version: number } {
  const { id, version } = (body ?? {}) as { id?: unknown; version?: unknown };
  if (typeof id !== 'string' || typeof version !== 'number') {
    throw new Error(`Expected a server with id and version, got ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { id, version };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
