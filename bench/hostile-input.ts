/* eslint-disable no-console */
/**
 * Benchmark of hostile request bodies: anonymous clients each POST a 1 MB body of nested arrays
 * to /api/auth/login while a prober keeps asking GET /health. Reports how fast the bodies are
 * refused (and with which status) and how long /health waits meanwhile, against /health alone
 * in the same run (a ratio, since this machine's speed varies between runs).
 *
 *   node -r @swc-node/register bench/hostile-input.ts [--rounds 20] [--clients 3]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { launchApi } from './lib/api-process';
import { cleanUpOnSignals, CleanupStack } from './lib/cleanup';
import { adminUrlFromEnv, createThrowawayDatabase } from './lib/database';
import { type LatencySummary, roundSummary, summarizeLatency } from './lib/stats';
import { markdownTable, textTable } from './lib/tables';

const API_MAIN = resolve(__dirname, '..', 'dist', 'apps', 'api', 'main.js');
const RESULTS_DIR = join(__dirname, 'results');
const DEPTH = 500_000;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const begun = performance.now();
  const value = await work();
  return { ms: performance.now() - begun, value };
}

async function health(url: string): Promise<number> {
  return (await timed(async () => (await fetch(`${url}/health`)).text())).ms;
}

/** /health latencies sampled back to back while `during` runs. */
async function probeWhile(url: string, during: Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    samples.push(await health(url));
  }
  return samples;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, clients: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  const clients = Number(values.clients);
  const cleanup = new CleanupStack();
  cleanUpOnSignals(cleanup);
  try {
    const database = await createThrowawayDatabase(adminUrlFromEnv(process.env));
    cleanup.push('drop the database', () => database.drop());
    const api = await launchApi({ mainPath: API_MAIN, databaseUrl: database.url, poolSize: undefined });
    cleanup.push('stop the API', () => api.stop());
    await api.waitUntilReady();

    const body = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) {
      idle.push(await health(api.url));
    }
    const refusals: number[] = [];
    const statuses = new Map<number, number>();
    const during: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const posts = Promise.all(
        Array.from({ length: clients }, () =>
          timed(async () => {
            const response = await fetch(`${api.url}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            });
            await response.text();
            return response.status;
          }),
        ),
      );
      during.push(...(await probeWhile(api.url, posts)));
      for (const { ms, value } of await posts) {
        refusals.push(ms);
        statuses.set(value, (statuses.get(value) ?? 0) + 1);
      }
    }
    report({
      rounds,
      clients,
      idle: summarizeLatency(idle),
      during: summarizeLatency(during),
      refusals: summarizeLatency(refusals),
      statuses,
    });
  } finally {
    await cleanup.runAll();
  }
}

function report(figures: {
  rounds: number;
  clients: number;
  idle: LatencySummary;
  during: LatencySummary;
  refusals: LatencySummary;
  statuses: Map<number, number>;
}): void {
  const ms = (value: number) => value.toFixed(1);
  const rows = [
    [
      '1 MB nested body refused',
      ...[figures.refusals.p50, figures.refusals.p95, figures.refusals.max].map(ms),
      String(figures.refusals.count),
    ],
    ['/health meanwhile', ...[figures.during.p50, figures.during.p95, figures.during.max].map(ms), String(figures.during.count)],
    ['/health alone', ...[figures.idle.p50, figures.idle.p95, figures.idle.max].map(ms), String(figures.idle.count)],
  ];
  const columns = ['request', 'p50 ms', 'p95 ms', 'max ms', 'samples'];
  const statuses = [...figures.statuses].map(([status, count]) => `${count} × ${status}`).join(', ');
  const ratio = (figures.during.p95 / figures.idle.p95).toFixed(1);
  const summary = `${figures.rounds} rounds of ${figures.clients} anonymous clients, ${DEPTH.toLocaleString('en')} levels each; answers: ${statuses}; /health p95 while they run = ${ratio} × /health alone`;
  console.log([...textTable(columns, rows), '', summary].join('\n'));
  const markdown = [
    '# Hostile input benchmark',
    '',
    `Run ${new Date().toISOString()} by \`bench/hostile-input.ts\`. ${summary}.`,
    '',
    ...markdownTable(columns, rows),
    '',
  ].join('\n');
  writeFileSync(join(RESULTS_DIR, 'hostile-input.md'), markdown);
  const rounded = {
    ...figures,
    idle: roundSummary(figures.idle),
    during: roundSummary(figures.during),
    refusals: roundSummary(figures.refusals),
    statuses: Object.fromEntries(figures.statuses),
  };
  writeFileSync(join(RESULTS_DIR, 'hostile-input.json'), `${JSON.stringify(rounded, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
