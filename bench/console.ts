/* eslint-disable no-console */
/**
 * Benchmark of the console in a real Chromium against the built API on PostgreSQL, with
 * 1,000 servers and 100,000 events: time to first meaningful render of the dashboard and
 * the servers list (and the events page, for reference), and the delay from a state change
 * in the API to the change on screen. Also the weight of the console: bytes transferred and
 * requests of a first visit (sign-in page, then the dashboard) with an empty cache, of a repeat
 * visit, and how often one load of the servers list fetches /api/mcp/servers. And the time
 * from a failed start to its cause (exit code, last stderr line) on the server's page.
 *
 *   node -r @swc-node/register bench/console.ts [--quick] [--servers N]
 *
 * `--servers 10000` measures the dashboard and the list at ten thousand servers (seeding them
 * through the API takes a few minutes).
 *
 * Exit code 0 when every measurement completed (targets met or not); 1 when the setup or a
 * measurement failed.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import type { Browser, BrowserContext, Page } from 'playwright-core';

// Types only: this process runs without the repository's path aliases (see lib/ingest.ts).
import type { EventPage, McpServer, Page as ListPage } from '@mcp-fleet/shared/contracts';

// The header naming the events a list read includes, by path (type-only imports elsewhere).
import { EVENT_SEQ_HEADER } from '../libs/shared/contracts/src/lib/events';
// The e2e tests' launch options (Debian's Chromium, closed-network flags), by path: no aliases here.
import { launchChromium } from '../libs/api/shared/testing/src/lib/e2e/browser';
import { recordTransfers, summarizeTransfers } from '../libs/api/shared/testing/src/lib/e2e/transfers';
import { launchApi } from './lib/api-process';
import { signIn } from './lib/auth';
import { cleanUpOnSignals, CleanupStack, errorMessage } from './lib/cleanup';
import {
  type ConsoleReport,
  type ConsoleSettings,
  type Measurement,
  measurement,
  renderConsole,
  type WeightFigures,
  writeReport,
} from './lib/console-report';
import { seedEvents } from './lib/console-seed';
import { adminUrlFromEnv, createThrowawayDatabase, serverVersion } from './lib/database';
import { type BuildInfo, describeBuild, describeMachine } from './lib/report';
import { planFleet, seedFleet } from './lib/seed';

const ROOT = resolve(__dirname, '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'main.js');
const CONSOLE_INDEX = join(ROOT, 'dist', 'apps', 'console', 'browser', 'index.html');
const RESULTS_DIR = join(__dirname, 'results');
const TARGETS = { renderMs: 1_000, updateMs: 200, failureMs: 1_000 };
const FULL = { servers: 1_000, events: 100_000, renderRounds: 20, updateChanges: 40, failures: 10 };
const QUICK = { servers: 100, events: 10_000, renderRounds: 3, updateChanges: 6, failures: 3 };
/** Writes one stderr line and exits with the code it is given, before any handshake. */
const EXIT_IMMEDIATELY = join(ROOT, 'tools', 'mcp-fixtures', 'exit-immediately.mjs');
const VIEWPORT = { width: 1440, height: 900 };
const WAIT_MS = 30_000;
/** The budget for a first visit, in bytes on the wire. */
const FIRST_VISIT_BUDGET = 1_000_000;
/** Loads of the servers list whose fetches are counted. */
const LIST_LOADS = 3;

/** What "meaningful" means per page: the data the operator came for is on screen, no spinner left. */
const PAGES = [
  {
    page: 'dashboard',
    path: '/',
    target: TARGETS.renderMs,
    condition: 'server cards and stat figures rendered, no loading state left',
    ready: `document.querySelectorAll('main article[aria-label]').length > 0 && !document.querySelector('main mf-loading-state')`,
  },
  {
    page: 'servers list',
    path: '/servers',
    target: TARGETS.renderMs,
    condition: 'a full first page of table rows rendered, no loading state left',
    ready: `document.querySelectorAll('main tr[mat-row], main tr.mat-mdc-row').length >= 25 && !document.querySelector('main mf-loading-state')`,
  },
  {
    page: 'events',
    path: '/events',
    target: undefined,
    condition: 'the first page of events rendered, no loading state left (reference, no target)',
    ready: `document.querySelectorAll('main tbody tr').length >= 25 && !document.querySelector('main mf-loading-state')`,
  },
] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, servers: { type: 'string' } } });
  const quick = values.quick === true;
  const servers = values.servers === undefined ? undefined : Number.parseInt(values.servers, 10);
  if (servers !== undefined && !(Number.isInteger(servers) && servers >= 30 && servers <= 20_000)) {
    console.error('--servers takes a whole number from 30 to 20000');
    return 1;
  }
  const plan = { ...(quick ? QUICK : FULL), ...(servers === undefined ? {} : { servers }) };
  const cleanup = new CleanupStack();
  cleanUpOnSignals(cleanup);
  const startedAt = new Date().toISOString();
  const adminUrl = adminUrlFromEnv(process.env);
  const machine = describeMachine(await serverVersion(adminUrl));
  const settings: ConsoleSettings = {
    servers: plan.servers,
    events: plan.events,
    eventsLastHour: 0,
    renderRounds: plan.renderRounds,
    updateChanges: plan.updateChanges,
    viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    browser: 'Chromium',
  };
  const measurements: Measurement[] = [];
  const problems: string[] = [];
  let build: BuildInfo | undefined;
  let seeding: ConsoleReport['seeding'];
  let weight: WeightFigures | undefined;
  let error: string | undefined;
  try {
    await describeBuild(CONSOLE_INDEX).catch(() => {
      throw new Error(`${CONSOLE_INDEX} is missing: build the console first (npm run build)`);
    });
    const database = await createThrowawayDatabase(adminUrl);
    cleanup.push(`drop database ${database.name}`, () => database.drop());
    const api = await launchApi({ mainPath: API_MAIN, databaseUrl: database.url, poolSize: undefined });
    cleanup.push('stop the API', () => api.stop());
    build = await describeBuild(API_MAIN);
    await api.waitUntilReady();
    log(`API ready at ${api.url}`);
    const auth = await signIn(api.url, api.admin);

    const seededAt = performance.now();
    await seedFleet(api.url, auth.headers, planFleet(plan.servers), 8);
    const serversMs = performance.now() - seededAt;
    const servers = await listAll(api.url, auth.headers);
    const events = await seedEvents(database.url, servers, plan.events, 7);
    seeding = { serversMs, eventsMs: events.durationMs };
    settings.eventsLastHour = events.lastHour;
    log(`Seeded ${servers.length} servers and ${events.count} events (${events.lastHour} in the last hour)`);
    await followed(api.url, auth.headers, events.lastSeq);

    const browser = await launchChromium();
    cleanup.push('close the browser', () => browser.close());
    settings.browser = `Chromium ${browser.version()}`;
    weight = await measureWeight(browser, api.url, api.admin);
    log(
      `first visit: ${weight.firstVisit.requests} requests, ${weight.firstVisit.bytes} bytes; list fetches per load ${weight.listFetchesPerLoad.join(', ')}`,
    );
    const context = await signedInContext(browser, api.url, api.admin);

    for (const target of PAGES) {
      const samples = await renderTimes(context, api.url + target.path, target.ready, plan.renderRounds);
      measurements.push(measurement(target.page, 'render', target.condition, samples, target.target));
      log(`${target.page}: rendered in ${samples.map((v) => Math.round(v)).join(', ')} ms`);
    }
    for (const target of PAGES.slice(0, 2)) {
      const result = await updateDelays(context, api.url, auth.headers, target.path, plan.updateChanges);
      problems.push(...result.problems.map((p) => `${target.page}: ${p}`));
      measurements.push(
        measurement(
          target.page,
          'update',
          'maintenance on/off through the REST API; delay from the event’s timestamp to the next animation frame after the badge changed',
          result.delays,
          TARGETS.updateMs,
        ),
      );
      log(`${target.page}: ${result.delays.length} changes on screen`);
    }
    const failures = await failureToCause(context, api.url, auth.headers, plan.failures);
    problems.push(...failures.problems.map((p) => `server page: ${p}`));
    measurements.push(
      measurement(
        'server page',
        'failure',
        'a start that fails (exit code 7 and a stderr line) with the server’s page open; delay from the failure’s recorded time to the frame where the failure card shows that start’s exit code and stderr line',
        failures.delays,
        TARGETS.failureMs,
      ),
    );
    log(`server page: ${failures.delays.length} failures shown`);
  } catch (failure) {
    error = errorMessage(failure);
    console.error(`[bench] ${error}`);
  } finally {
    await cleanup.runAll();
  }
  const report: ConsoleReport = {
    benchmark: 'console',
    startedAt,
    mode: quick ? 'quick' : 'full',
    machine,
    build,
    settings,
    targets: TARGETS,
    seeding,
    measurements,
    weight,
    problems,
    error,
    failed: error !== undefined || problems.length > 0,
  };
  console.log(renderConsole(report));
  const files = await writeReport(report, RESULTS_DIR, FULL.servers);
  log(`Results written to ${files.json} and ${files.markdown}`);
  return report.failed ? 1 : 0;
}

async function listAll(baseUrl: string, headers: Record<string, string>): Promise<McpServer[]> {
  const servers: McpServer[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${baseUrl}/api/mcp/servers?pageSize=100&page=${page}&sort=name`, { headers });
    const body = (await response.json()) as ListPage<McpServer>;
    servers.push(...body.items);
    if (servers.length >= body.total || body.items.length === 0) {
      return servers;
    }
  }
}

/** A context holding the refresh cookie, as after a sign-in: each load restores the session from it. */
async function signedInContext(browser: Browser, baseUrl: string, admin: { email: string; password: string }): Promise<BrowserContext> {
  // The probes below are page code passed as text (this script has no DOM types), which the
  // console's CSP (no 'unsafe-eval') would refuse; the CSP is not what is measured here.
  const context = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: WAIT_MS });
  await page.close();
  return context;
}

/**
 * A browser with an empty cache opens /login, signs in and waits for the dashboard to be ready
 * and the network idle; every HTTP response is counted with the bytes Chromium received for it.
 * Then the dashboard again (warm cache), and the servers list a few times, counting its fetches
 * of /api/mcp/servers (after the socket is live plus its 1 s reload debounce).
 */
async function measureWeight(browser: Browser, baseUrl: string, admin: { email: string; password: string }): Promise<WeightFigures> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const first = await recordTransfers(page);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: WAIT_MS });
    await page.locator('main article[aria-label]').first().waitFor({ timeout: WAIT_MS });
    await settle(first.transfers);
    const firstVisit = summarizeTransfers(await first.stop());

    const repeat = await recordTransfers(page);
    await page.goto(`${baseUrl}/`);
    await page.locator('main article[aria-label]').first().waitFor({ timeout: WAIT_MS });
    await settle(repeat.transfers);
    const repeatVisit = summarizeTransfers((await repeat.stop()).filter((t) => !t.fromCache));

    const listFetchesPerLoad: number[] = [];
    for (let load = 0; load < LIST_LOADS; load++) {
      const recorder = await recordTransfers(page);
      await page.goto(`${baseUrl}/servers`);
      await page.locator('main tr.mat-mdc-row').first().waitFor({ timeout: WAIT_MS });
      await page
        .getByRole('status')
        .filter({ hasText: /^\s*Live\s*$/ })
        .waitFor({ timeout: WAIT_MS });
      await page.waitForTimeout(1_500);
      await settle(recorder.transfers);
      const fetches = (await recorder.stop()).filter((t) => t.method === 'GET' && new URL(t.url).pathname === '/api/mcp/servers');
      listFetchesPerLoad.push(fetches.length);
    }
    return {
      firstVisit,
      repeatVisit: { requests: repeatVisit.requests, bytes: repeatVisit.bytes },
      budgetBytes: FIRST_VISIT_BUDGET,
      listFetchesPerLoad,
    };
  } finally {
    await context.close();
  }
}

/**
 * Waits until no response has completed for 1 s (at most 15 s): the page has fetched what it
 * needs. Playwright's `networkidle` never came with a large fleet, whose dashboard keeps
 * refreshing figures as events arrive.
 */
async function settle(transfers: () => unknown[]): Promise<void> {
  let count = -1;
  for (let waited = 0; waited < 15_000; waited += 1_000) {
    const now = transfers().length;
    if (now === count) {
      return;
    }
    count = now;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Waits until the API has followed the seeded events (its event tail sent them on): they went
 * into the store behind its back, and would otherwise reach the pages as a flood of live events
 * in the first measurements. A real fleet's events come through the API as they happen.
 */
async function followed(baseUrl: string, headers: Record<string, string>, lastSeq: number): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/mcp/servers?pageSize=1`, { headers });
    await response.arrayBuffer();
    if (Number(response.headers.get(EVENT_SEQ_HEADER)) >= lastSeq) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the API did not follow the seeded events up to seq ${lastSeq} within 5 minutes`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Loads the page `rounds` times (after one warm-up load that fills the HTTP cache, as for an
 * operator who has the console open daily) and reads, inside the page, the time since
 * navigation start at the first animation frame where the page is ready.
 */
async function renderTimes(context: BrowserContext, url: string, ready: string, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const page = await context.newPage();
    try {
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(`(${ready}) ? performance.now() : false`, undefined, {
        polling: 'raf',
        timeout: WAIT_MS,
      });
      const ms = (await handle.jsonValue()) as number;
      if (round > 0) {
        samples.push(ms);
      }
    } finally {
      await page.close();
    }
  }
  return samples;
}

interface UpdateResult {
  delays: number[];
  problems: string[];
}

/**
 * Toggles maintenance on one server shown on the page through the REST API and records, in
 * the page, when its state badge changed (at the next animation frame, i.e. when it is
 * painted). The delay is that time minus the event's own timestamp in the event store.
 */
async function updateDelays(
  context: BrowserContext,
  baseUrl: string,
  headers: Record<string, string>,
  path: string,
  changes: number,
): Promise<UpdateResult> {
  const page = await context.newPage();
  try {
    await page.goto(baseUrl + path);
    const name = await firstServerName(page, path);
    const server = (await getJson<ListPage<McpServer>>(baseUrl, `/api/mcp/servers?search=${encodeURIComponent(name)}`, headers)).items.find(
      (s) => s.name === name,
    );
    if (!server) {
      throw new Error(`server ${name} shown on ${path} was not found through the API`);
    }
    await watchBadge(page, name);
    const head = await getJson<EventPage>(baseUrl, '/api/mcp/events?limit=1', headers);
    const afterSeq = head.items[0]?.seq ?? 0;
    for (let i = 0; i < changes; i++) {
      const route =
        server.state === 'maintenance'
          ? i % 2 === 0
            ? 'maintenance/exit'
            : 'maintenance'
          : i % 2 === 0
            ? 'maintenance'
            : 'maintenance/exit';
      const response = await fetch(`${baseUrl}/api/mcp/servers/${server.id}/${route}`, { method: 'POST', headers });
      if (!response.ok) {
        throw new Error(`POST ${route} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      }
      await page.waitForFunction(`window.__badgeChanges.length >= ${i + 1}`, undefined, { timeout: WAIT_MS });
    }
    const seen = await page.evaluate<{ state: string; at: number }[]>('window.__badgeChanges');
    const changed = await getJson<EventPage>(
      baseUrl,
      `/api/mcp/events?serverId=${server.id}&type=server.status_changed&afterSeq=${afterSeq}&limit=${changes * 2}`,
      headers,
    );
    return matchChanges(
      seen,
      changed.items.map((event) => ({ state: String(event.data['to']), at: Date.parse(event.timestamp) })),
    );
  } finally {
    await page.close();
  }
}

function matchChanges(seen: { state: string; at: number }[], recorded: { state: string; at: number }[]): UpdateResult {
  const problems: string[] = [];
  if (seen.length !== recorded.length) {
    problems.push(`${recorded.length} state changes recorded, ${seen.length} seen on screen`);
  }
  const delays: number[] = [];
  for (let i = 0; i < Math.min(seen.length, recorded.length); i++) {
    if (seen[i].state !== recorded[i].state) {
      problems.push(`change ${i + 1}: the event says ${recorded[i].state}, the screen showed ${seen[i].state}`);
      continue;
    }
    delays.push(seen[i].at - recorded[i].at);
  }
  return { delays, problems };
}

/**
 * Registers a server that exits at once with code 7 after one stderr line, opens its page and
 * starts it `rounds` times through the REST API. In the page, a watcher stamps (at the next
 * frame) each new failure card: one whose time differs from the last one seen and that shows
 * the exit code and the stderr line. The delay is that stamp minus the failure's own `at`.
 */
async function failureToCause(
  context: BrowserContext,
  baseUrl: string,
  headers: Record<string, string>,
  rounds: number,
): Promise<UpdateResult> {
  const register = await fetch(`${baseUrl}/api/mcp/servers`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'bench-failing',
      transport: 'stdio',
      config: { command: process.execPath, args: [EXIT_IMMEDIATELY, '7'], retryAttempts: 0 },
    }),
  });
  if (register.status !== 201) {
    throw new Error(`registering the failing server answered ${register.status}: ${(await register.text()).slice(0, 300)}`);
  }
  const server = (await register.json()) as McpServer;
  const page = await context.newPage();
  const problems: string[] = [];
  const delays: number[] = [];
  try {
    await page.goto(`${baseUrl}/servers/${server.id}`);
    await page.getByRole('heading', { level: 1, name: server.name }).waitFor({ timeout: WAIT_MS });
    await page.evaluate(WATCH_FAILURE);
    for (let round = 0; round < rounds; round++) {
      const response = await fetch(`${baseUrl}/api/mcp/servers/${server.id}/start`, { method: 'POST', headers });
      await response.body?.cancel();
      await page.waitForFunction(`window.__failuresSeen.length >= ${round + 1}`, undefined, { timeout: WAIT_MS });
      const failed = await getJson<McpServer>(baseUrl, `/api/mcp/servers/${server.id}`, headers);
      const seen = await page.evaluate<{ datetime: string; at: number }>(`window.__failuresSeen[${round}]`);
      if (!failed.lastFailure || seen.datetime !== failed.lastFailure.at) {
        problems.push(
          `failure ${round + 1}: the page showed the failure of ${seen.datetime}, the API says ${failed.lastFailure?.at ?? 'none'}`,
        );
        continue;
      }
      delays.push(seen.at - Date.parse(failed.lastFailure.at));
    }
  } finally {
    await page.close();
  }
  return { delays, problems };
}

/** Stamps every new failure card that shows an exit code 7 and the fixture's stderr line. Page code as text. */
const WATCH_FAILURE = `(() => {
  const seen = [];
  window.__failuresSeen = seen;
  let last = document.querySelector('main .mf-failure-card time')?.getAttribute('datetime') ?? null;
  new MutationObserver(() => {
    const card = document.querySelector('main .mf-failure-card[data-current="true"]');
    const datetime = card?.querySelector('time')?.getAttribute('datetime') ?? null;
    const stderr = card?.querySelector('pre')?.textContent ?? '';
    if (datetime !== null && datetime !== last && card.textContent.includes('exit code 7') && stderr.includes('exiting with code 7')) {
      last = datetime;
      requestAnimationFrame(() => seen.push({ datetime, at: performance.timeOrigin + performance.now() }));
    }
  }).observe(document.querySelector('main') ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

async function firstServerName(page: Page, path: string): Promise<string> {
  if (path === '/') {
    const card = page.locator('main article[aria-label]').first();
    await card.waitFor({ timeout: WAIT_MS });
    return (await card.getAttribute('aria-label')) ?? '';
  }
  const link = page.locator('main tr.mat-mdc-row a').first();
  await link.waitFor({ timeout: WAIT_MS });
  return (await link.innerText()).trim();
}

/**
 * Records every change of the named server's state badge, stamped at the next frame. Page
 * code as text: this script is compiled without the DOM types.
 */
const WATCH_BADGE = `(serverName) => {
  const find = () => {
    const card = [...document.querySelectorAll('main article[aria-label]')].find((el) => el.getAttribute('aria-label') === serverName);
    const row = [...document.querySelectorAll('main tr.mat-mdc-row')].find((tr) => tr.querySelector('a')?.textContent?.trim() === serverName);
    return (card ?? row)?.querySelector('mf-state-badge')?.getAttribute('data-state') ?? null;
  };
  const changes = [];
  window.__badgeChanges = changes;
  let last = find();
  new MutationObserver(() => {
    const now = find();
    if (now !== null && now !== last) {
      last = now;
      requestAnimationFrame(() => changes.push({ state: now, at: performance.timeOrigin + performance.now() }));
    }
  }).observe(document.querySelector('main') ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}`;

async function watchBadge(page: Page, name: string): Promise<void> {
  await page.evaluate(`(${WATCH_BADGE})(${JSON.stringify(name)})`);
}

async function getJson<T>(baseUrl: string, path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(baseUrl + path, { headers });
  if (!response.ok) {
    throw new Error(`GET ${path} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

main().then(
  (code) => process.exit(code),
  (failure: unknown) => {
    console.error(failure);
    process.exit(1);
  },
);
