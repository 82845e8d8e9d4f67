/* eslint-disable no-console */
/**
 * Benchmark of several replicas on one database (docs/ha.md): three API processes, 100 stdio
 * servers spread over them, then
 * - forwarding: a tool call through a replica that does not own the server vs through its owner;
 * - fan-out across replicas: events committed on ha-1, received by 1,000 clients of ha-3;
 * - takeover after `kill -9` of a replica, then after a freeze (SIGSTOP), per server.
 *
 *   node -r @swc-node/register bench/ha.ts [--quick]
 *
 * Exit code 0 when every part completed (targets met or not); 1 when a part failed.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { Client } from 'pg';

import { type ApiProcess, launchApi } from './lib/api-process';
import { signIn } from './lib/auth';
import { cleanUpOnSignals, CleanupStack, errorMessage } from './lib/cleanup';
import { postgresBackendsCpu } from './lib/cpu';
import { adminUrlFromEnv, backendPids, createThrowawayDatabase } from './lib/database';
import { type FanoutResult, runFanout } from './lib/fanout';
import { busyMachineWarning, describeBuild, describeMachine } from './lib/report';
import { type LatencySummary, roundSummary, summarizeLatency } from './lib/stats';

const API_MAIN = resolve(__dirname, '..', 'dist', 'apps', 'api', 'main.js');
const FIXTURE = resolve(__dirname, '..', 'tools', 'mcp-fixtures', 'v2-server.mjs');
const RESULTS_DIR = join(__dirname, 'results');
const NAMES = ['ha-1', 'ha-2', 'ha-3'];
const TARGETS = { forwardAddedP50Ms: 2, crossReplicaP99Ms: 100, takeoverMaxMs: 15_000 };

interface Settings {
  servers: number;
  calls: number;
  fanoutClients: number;
  fanoutSeconds: number;
}
const FULL: Settings = { servers: 100, calls: 1000, fanoutClients: 1000, fanoutSeconds: 20 };
const QUICK: Settings = { servers: 12, calls: 100, fanoutClients: 100, fanoutSeconds: 3 };

interface Takeover {
  servers: number;
  /** Per server: from the signal to running under another replica (ms). */
  ms: LatencySummary;
  notBack: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const settings = values.quick ? QUICK : FULL;
  const cleanup = new CleanupStack();
  cleanUpOnSignals(cleanup);
  try {
    return await benchmark(settings, Boolean(values.quick), cleanup);
  } finally {
    await cleanup.runAll();
  }
}

async function benchmark(settings: Settings, quick: boolean, cleanup: CleanupStack): Promise<number> {
  const adminUrl = adminUrlFromEnv(process.env);
  const build = await describeBuild(API_MAIN);
  const database = await createThrowawayDatabase(adminUrl);
  cleanup.push('drop database', () => database.drop());
  const machine = describeMachine(database.serverVersion);
  const shared = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('hex'),
    // The fan-out registers `node`; the servers run this Node's own binary.
    STDIO_ALLOWED_COMMANDS: `${process.execPath},node`,
  };
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  cleanup.push('close SQL client', () => sql.end());
  const replicas = new Map<string, ApiProcess>();
  const boot = async (name: string) => {
    const api = await launchApi({
      mainPath: API_MAIN,
      databaseUrl: database.url,
      poolSize: undefined,
      env: { ...shared, INSTANCE_ID: name },
    });
    cleanup.push(`stop ${name}`, () => api.stop());
    await api.waitUntilReady();
    replicas.set(name, api);
    return api;
  };
  for (const name of NAMES) {
    await boot(name);
  }
  const first = replicas.get('ha-1') as ApiProcess;
  const auth = await signIn(first.url, first.admin);
  const call = async (url: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...auth.headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  console.log(`Registering and starting ${settings.servers} servers over ${NAMES.length} replicas...`);
  const ids: string[] = [];
  for (let n = 0; n < settings.servers; n++) {
    const registered = await call(replicas.get(NAMES[n % 3])?.url as string, 'POST', '/api/mcp/servers', {
      name: `ha-bench-${n}`,
      transport: 'stdio',
      config: { command: process.execPath, args: [FIXTURE] },
    });
    ids.push(registered.body['id'] as string);
  }
  for (let n = 0; n < ids.length; n += 20) {
    const bulk = await call(first.url, 'POST', '/api/mcp/servers/bulk/start', { serverIds: ids.slice(n, n + 20) });
    if (bulk.status !== 200) {
      throw new Error(`Bulk start answered ${bulk.status}: ${JSON.stringify(bulk.body)}`);
    }
  }
  await until(async () => (await runningElsewhere(sql, ids, null)) === ids.length, 120_000, 'every server running');
  const owners = await ownersOf(sql);

  console.log('Forwarding: tool calls through the owner and through another replica...');
  const probe = ids.find((id) => owners.get(id) === 'ha-1') as string;
  const path = `/api/mcp/servers/${probe}/tools/echo/call`;
  const timedCalls = async (url: string) => {
    const samples: number[] = [];
    for (let n = 0; n < settings.calls + 50; n++) {
      const begun = performance.now();
      const response = await call(url, 'POST', path, { arguments: { text: 'x' } });
      if (response.status !== 200) {
        throw new Error(`A tool call answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      if (n >= 50) {
        samples.push(performance.now() - begun);
      }
    }
    return roundSummary(summarizeLatency(samples));
  };
  // Interleaved rounds, so a slow phase of the machine hits both the same.
  const viaOwner: number[] = [];
  const viaOther: number[] = [];
  for (let round = 0; round < 4; round++) {
    viaOwner.push((await timedCalls(first.url)).p50);
    viaOther.push((await timedCalls(replicas.get('ha-2')?.url as string)).p50);
  }
  const forwarding = {
    ownerP50Ms: median(viaOwner),
    otherP50Ms: median(viaOther),
    owner: await timedCalls(first.url),
    other: await timedCalls(replicas.get('ha-2')?.url as string),
  };

  console.log(`Fan-out: events committed on ha-1 to ${settings.fanoutClients} clients of ha-3...`);
  let fanout: FanoutResult | undefined;
  let fanoutError: string | undefined;
  try {
    const third = replicas.get('ha-3') as ApiProcess;
    fanout = await runFanout(
      {
        url: third.url,
        producerUrl: first.url,
        headers: auth.headers,
        token: auth.token as string,
        apiCpu: async () => (await third.cpuMs()) ?? 0,
        postgresCpu: postgresBackendsCpu(() => backendPids(adminUrl, database.name)),
      },
      {
        clients: settings.fanoutClients,
        connectConcurrency: 50,
        eventsPerSecond: 10,
        warmupSeconds: 2,
        durationSeconds: settings.fanoutSeconds,
        graceMs: 5000,
      },
      (message) => console.log(`  ${message}`),
    );
  } catch (error) {
    fanoutError = errorMessage(error);
  }

  console.log('Takeover after kill -9 of ha-2...');
  const killed = await takeover(sql, 'ha-2', async () => {
    process.kill(replicas.get('ha-2')?.pid as number, 'SIGKILL');
  });
  await boot('ha-2');
  console.log('Takeover after a freeze (SIGSTOP) of ha-3...');
  const frozenPid = replicas.get('ha-3')?.pid as number;
  const frozen = await takeover(sql, 'ha-3', async () => {
    process.kill(frozenPid, 'SIGSTOP');
  });
  process.kill(frozenPid, 'SIGCONT');

  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine,
    build,
    settings,
    targets: TARGETS,
    forwarding: { ...forwarding, addedP50Ms: round(forwarding.otherP50Ms - forwarding.ownerP50Ms) },
    fanout: fanout
      ? {
          clients: fanout.clients,
          events: fanout.events,
          deliveries: fanout.deliveries,
          latencyMs: fanout.latencyMs,
          patchMs: fanout.patchMs,
        }
      : { error: fanoutError },
    takeover: { kill: killed, freeze: frozen },
    warnings: busyMachineWarning(machine),
  };
  const markdown = render(report);
  console.log(`\n${markdown}`);
  await writeFile(join(RESULTS_DIR, 'ha.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(RESULTS_DIR, 'ha.md'), markdown);
  return fanout && killed.notBack === 0 && frozen.notBack === 0 ? 0 : 1;
}

/** Sends `signal` and times each server `victim` owned until it runs under another replica. */
async function takeover(sql: Client, victim: string, signal: () => Promise<void>): Promise<Takeover> {
  const owned = [...(await ownersOf(sql))].filter(([, owner]) => owner === victim).map(([id]) => id);
  const begun = performance.now();
  await signal();
  const back = new Map<string, number>();
  const deadline = begun + 60_000;
  while (back.size < owned.length && performance.now() < deadline) {
    const rows = await sql.query<{ id: string }>(
      `SELECT s.id FROM mcp_servers s JOIN server_leases l ON l.server_id = s.id
        WHERE s.id = ANY($1::uuid[]) AND s.state = 'running' AND l.owner <> $2 AND l.expires_at > now()`,
      [owned, victim],
    );
    for (const { id } of rows.rows) {
      if (!back.has(id)) {
        back.set(id, performance.now() - begun);
      }
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { servers: owned.length, ms: roundSummary(summarizeLatency([...back.values()])), notBack: owned.length - back.size };
}

async function ownersOf(sql: Client): Promise<Map<string, string>> {
  const { rows } = await sql.query<{ server_id: string; owner: string }>(
    `SELECT server_id, owner FROM server_leases WHERE expires_at > now()`,
  );
  return new Map(rows.map((row) => [row.server_id, row.owner]));
}

async function runningElsewhere(sql: Client, ids: string[], notOwner: string | null): Promise<number> {
  const { rows } = await sql.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM mcp_servers s JOIN server_leases l ON l.server_id = s.id
      WHERE s.id = ANY($1::uuid[]) AND s.state = 'running' AND l.expires_at > now() AND ($2::text IS NULL OR l.owner <> $2)`,
    [ids, notOwner],
  );
  return Number(rows[0]?.count ?? 0);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${what}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report's shape is the object built above
function render(report: Record<string, any>): string {
  const f = report['forwarding'];
  const t = report['takeover'];
  const o = report['fanout'];
  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  const lines = [
    '# Several replicas benchmark - latest run',
    '',
    'Generated by `bench/ha.ts`; every figure below comes from that run. Do not edit by hand.',
    '',
    `- Date: ${report['date']} (${report['mode']} mode)`,
    `- Machine: ${report['machine'].cpuModel} x ${report['machine'].cpuCount} CPUs, Node ${report['machine'].node}, PostgreSQL ${report['machine'].postgres}, load average ${report['machine'].loadAverageAtStart} at start`,
    `- API build: \`${report['build'].path}\`, sha256 ${String(report['build'].sha256).slice(0, 12)}`,
    `- 3 replicas (ha-1, ha-2, ha-3) on one database, ${report['settings'].servers} stdio servers (the v2 fixture) spread over them`,
    `- **Forwarding: ${met(f.addedP50Ms <= TARGETS.forwardAddedP50Ms)}** (+${f.addedP50Ms} ms at p50 through a non-owner; target ≤ ${TARGETS.forwardAddedP50Ms} ms)`,
    o.latencyMs
      ? `- **Fan-out across replicas: ${met(o.latencyMs.p99 <= TARGETS.crossReplicaP99Ms && o.deliveries.missing === 0)}** (p99 ${o.latencyMs.p99} ms, ${o.deliveries.missing} missing; target ≤ ${TARGETS.crossReplicaP99Ms} ms)`
      : `- **Fan-out across replicas: FAILED** (${o.error})`,
    `- **Takeover: ${met(t.kill.ms.max <= TARGETS.takeoverMaxMs && t.freeze.ms.max <= TARGETS.takeoverMaxMs && t.kill.notBack + t.freeze.notBack === 0)}** (max ${t.kill.ms.max} ms after kill -9, ${t.freeze.ms.max} ms after SIGSTOP; target ≤ ${TARGETS.takeoverMaxMs} ms)`,
    '',
    '## Forwarding (tool call `echo`, one at a time)',
    '',
    '| Through | p50 ms | p95 ms | p99 ms | max ms | calls |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| the owner (ha-1) | ${f.owner.p50} | ${f.owner.p95} | ${f.owner.p99} | ${f.owner.max} | ${f.owner.count} |`,
    `| another replica (ha-2 → ha-1) | ${f.other.p50} | ${f.other.p95} | ${f.other.p99} | ${f.other.max} | ${f.other.count} |`,
    '',
    `Added at p50: median of 4 interleaved rounds each, ${f.ownerP50Ms} ms vs ${f.otherP50Ms} ms = +${f.addedP50Ms} ms (ratio ${round(f.otherP50Ms / f.ownerP50Ms)}).`,
    '',
    '## Fan-out across replicas (PATCH on ha-1 at 10/s, Socket.IO clients on ha-3)',
    '',
    o.latencyMs
      ? `${o.clients} clients, ${o.events} events, ${o.deliveries.received} of ${o.deliveries.expected} deliveries (${o.deliveries.missing} missing, ${o.deliveries.duplicates} duplicates, ${o.deliveries.outOfOrder} out of order); receipt − event timestamp p50 ${o.latencyMs.p50} ms, p95 ${o.latencyMs.p95} ms, p99 ${o.latencyMs.p99} ms, max ${o.latencyMs.max} ms; PATCH p50 ${o.patchMs.p50} ms.`
      : `Failed: ${o.error}`,
    '',
    '## Takeover (per server: from the signal to running under another replica)',
    '',
    '| Replica lost | servers | p50 ms | max ms | not back in 60 s |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| ha-2, kill -9 | ${t.kill.servers} | ${t.kill.ms.p50} | ${t.kill.ms.max} | ${t.kill.notBack} |`,
    `| ha-3, SIGSTOP | ${t.freeze.servers} | ${t.freeze.ms.p50} | ${t.freeze.ms.max} | ${t.freeze.notBack} |`,
    '',
    'Timing chain (docs/ha.md): renewal every 1.5 s, self-fence 5 s after the last renewal was sent, lease TTL 8 s, scan every 1 s: a takeover starts 6.5–9 s after the loss.',
    ...report['warnings'].map((w: string) => `\n${w}`),
    '',
  ];
  return lines.join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(errorMessage(error));
    process.exit(1);
  },
);
