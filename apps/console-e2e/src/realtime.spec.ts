import type { Locator, Page } from 'playwright-core';

import { CuttableProxy, eventually, fixture } from '@mcp-fleet/api/shared/testing';
import type { CommandResult, EventPage, McpServer } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { markDocument } from './support/ui';

const NAMES = ['rt-alpha', 'rt-bravo', 'rt-charlie'] as const;
/** Socket.IO's backoff reaches 10 s (±50 %) between attempts: the reconnect may take that long after the restore. */
const RECONNECT_MS = 45_000;

/** One event row per seq: the Events page names each row's details button after the event's seq. */
const EVENTS_PAGE_ROW = { css: 'table.mf-events button[aria-label^="Details of event "]', attribute: 'aria-label' } as const;
/** The dashboard's "Live events" panel: one list item per event, carrying its seq. */
const DASHBOARD_ROW = { css: 'section[aria-labelledby="mf-live-events-title"] li[data-seq]', attribute: 'data-seq' } as const;

type RowSelector = typeof EVENTS_PAGE_ROW | typeof DASHBOARD_ROW;

describeInBrowser('real time: the one socket across a cut connection', () => {
  let proxy: CuttableProxy | undefined;
  // The browser reaches the API only through the proxy; the test's REST calls go to the API directly.
  const fleet = useConsole({ baseURL: () => `http://127.0.0.1:${requireProxy().port}` });

  beforeAll(async () => {
    const target = new URL(fleet.api.url);
    proxy = new CuttableProxy(target.hostname.replace(/^\[(.*)\]$/, '$1'), Number(target.port));
    await proxy.listen();
  });

  afterAll(async () => {
    await proxy?.close();
  });

  function requireProxy(): CuttableProxy {
    if (!proxy) {
      throw new Error('The proxy in front of the API is not listening (see the beforeAll error above)');
    }
    return proxy;
  }

  /** Every event the admin may read, newest first, as the REST API lists them. */
  async function restSeqs(): Promise<number[]> {
    const response = await fleet.api.get<EventPage>('/api/mcp/events?limit=1000');
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items.map((event) => event.seq);
  }

  async function command(server: McpServer, path: 'maintenance' | 'maintenance/exit'): Promise<void> {
    const response = await fleet.api.post<CommandResult>(`/api/mcp/servers/${server.id}/${path}`);
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
  }

  it('misses nothing and doubles nothing across a cut, and says "Live" only while it is', async () => {
    const events = fleet.page;
    await login(events);
    await events.goto('/events');
    await events.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    const dashboard = await (await fleet.newContext()).newPage();
    await login(dashboard);
    await dashboard.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const pages = [
      { name: 'Events page', page: events, rows: EVENTS_PAGE_ROW, newest: Number.POSITIVE_INFINITY },
      { name: 'dashboard "Live events"', page: dashboard, rows: DASHBOARD_ROW, newest: 20 },
    ];
    for (const { page } of pages) {
      await indicator(page, 'Live').waitFor();
    }

    const servers: McpServer[] = [];
    for (const name of NAMES) {
      const response = await fleet.api.post<McpServer>('/api/mcp/servers', {
        name,
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('v2-server.mjs')] },
      });
      expect(response.status).toBe(201);
      servers.push(response.body);
    }
    for (const { name, page, rows, newest } of pages) {
      await expectShowsExactly(page, rows, async () => (await restSeqs()).slice(0, newest), `${name} before the cut`);
    }

    const watches = await Promise.all(
      pages.map(async (entry) => ({
        ...entry,
        document: await markDocument(entry.page),
        doubles: await watchDoubles(entry.page, entry.rows),
        labels: await recordIndicator(entry.page),
      })),
    );
    const beforeCut = await restSeqs();
    // Each socket.io (re)connection attempt opens a WebSocket the page reports.
    const attempts = pages.map(({ page }) => {
      const counter = { count: 0 };
      page.on('websocket', () => (counter.count += 1));
      return counter;
    });

    requireProxy().sever();
    for (const { page } of pages) {
      await indicator(page, 'Reconnecting…').waitFor({ timeout: 30_000 });
    }
    const cutSeen = Date.now();
    // While cut: each server goes into maintenance and out again, straight through the API.
    for (const server of servers) {
      await command(server, 'maintenance');
      await command(server, 'maintenance/exit');
    }
    const duringCut = await restSeqs();
    const missed = duringCut.filter((seq) => !beforeCut.includes(seq));
    // A status change into maintenance and one out of it per server.
    expect(missed.length).toBeGreaterThanOrEqual(NAMES.length * 2);
    // The cut lasts until each page has been refused twice, so the replay follows real backoff, not an instant retry.
    await eventually(() => attempts.every((counter) => counter.count >= 2), 'two refused reconnection attempts per page', {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    for (const { name, page, rows } of pages) {
      // Nothing could reach the browser, and it does not pretend otherwise.
      expect({ name, shown: (await shownSeqs(page, rows)).filter((seq) => missed.includes(seq)) }).toEqual({ name, shown: [] });
      expect({ name, label: await indicatorLabel(page) }).toEqual({ name, label: 'Reconnecting…' });
    }

    const restoredAt = Date.now();
    requireProxy().restore();
    for (const { page } of pages) {
      await indicator(page, 'Live').waitFor({ timeout: RECONNECT_MS });
    }
    for (const { name, page, rows, newest } of pages) {
      await expectShowsExactly(page, rows, async () => (await restSeqs()).slice(0, newest), `${name} after the reconnect`);
    }

    // Live again means live: a change made now arrives without a reload.
    await command(servers[0], 'maintenance');
    const after = await restSeqs();
    expect(after.length).toBeGreaterThan(duringCut.length);
    for (const { name, page, rows, newest } of pages) {
      await expectShowsExactly(page, rows, async () => (await restSeqs()).slice(0, newest), `${name} once live again`);
    }

    for (const { name, document, doubles, labels } of watches) {
      expect({ name, sameDocument: await document.sameDocument() }).toEqual({ name, sameDocument: true });
      expect({ name, doubled: await doubles() }).toEqual({ name, doubled: [] });
      const changes = await labels();
      // From the cut (once noticed) until the proxy let connections through again, never "Live".
      const whileCut = changes.filter((change) => change.at >= cutSeen && change.at < restoredAt);
      expect({ name, whileCut: whileCut.filter((change) => change.label === 'Live') }).toEqual({ name, whileCut: [] });
      // It left "Live" on the cut and came back to it after the restore, ending there.
      expect(changes.map((change) => change.label)).toContain('Reconnecting…');
      expect(changes.filter((change) => change.at >= restoredAt).map((change) => change.label)).toContain('Live');
      expect(changes.at(-1)?.label).toBe('Live');
    }
    // The events page counts what it shows against the API's total.
    const total = (await restSeqs()).length;
    await events.getByText(`Showing ${total} of ${total} events`, { exact: true }).waitFor();
  }, 180_000);
});

/** The live indicator showing exactly `label`. */
function indicator(page: Page, label: string): Locator {
  return page
    .locator('mf-live-indicator')
    .getByRole('status')
    .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
}

async function indicatorLabel(page: Page): Promise<string> {
  return ((await page.locator('mf-live-indicator').getByRole('status').textContent()) ?? '').trim();
}

/** The seqs of the event rows, top to bottom. */
async function shownSeqs(page: Page, rows: RowSelector): Promise<number[]> {
  return page
    .locator(rows.css)
    .evaluateAll(
      (elements, attribute) => elements.map((element) => Number(/\d+$/.exec(element.getAttribute(attribute) ?? '')?.[0])),
      rows.attribute,
    );
}

/**
 * Waits until the rows are exactly `expected()` (newest first, each event once), polling both
 * sides; if they never are, fails with the difference as last seen.
 */
async function expectShowsExactly(page: Page, rows: RowSelector, expected: () => Promise<number[]>, what: string): Promise<void> {
  let last = { shown: [] as number[], expected: [] as number[] };
  try {
    await eventually(
      async () => {
        last = { shown: await shownSeqs(page, rows), expected: await expected() };
        return last.shown.length > 0 && last.shown.join() === last.expected.join();
      },
      what,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('Gave up'))) {
      throw error;
    }
    const { shown, expected: listed } = last;
    const doubled = shown.filter((seq, i) => shown.indexOf(seq) !== i);
    throw new Error(
      `${what}: the rows never matched the API's events (newest first, each once). ` +
        `Missing: [${listed.filter((seq) => !shown.includes(seq)).join(', ')}]; ` +
        `not in the API's list: [${shown.filter((seq) => !listed.includes(seq)).join(', ')}]; doubled: [${doubled.join(', ')}]; ` +
        `shown: [${shown.join(', ')}]; API: [${listed.join(', ')}]`,
    );
  }
}

/**
 * Records, from now on, every seq that the rows showed twice at the same time, however briefly
 * (a MutationObserver checks after each rendered change).
 */
async function watchDoubles(page: Page, rows: RowSelector): Promise<() => Promise<number[]>> {
  const key = `__e2eDoubles${Date.now()}`;
  await page.evaluate(
    ([css, attribute, store]) => {
      const doubled = new Set<number>();
      (window as unknown as Record<string, Set<number>>)[store] = doubled;
      const check = () => {
        const seen = new Set<number>();
        document.querySelectorAll(css).forEach((element) => {
          const seq = Number(/\d+$/.exec(element.getAttribute(attribute) ?? '')?.[0]);
          if (seen.has(seq)) {
            doubled.add(seq);
          }
          seen.add(seq);
        });
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: [attribute],
      });
      check();
    },
    [rows.css, rows.attribute, key] as const,
  );
  return () => page.evaluate((store) => [...((window as unknown as Record<string, Set<number>>)[store] ?? [])], key);
}

/** Records, from now on, every label the live indicator shows and when (the browser's clock, the test's too). */
async function recordIndicator(page: Page): Promise<() => Promise<{ at: number; label: string }[]>> {
  const key = `__e2eIndicator${Date.now()}`;
  await page.evaluate((store) => {
    const changes: { at: number; label: string }[] = [];
    (window as unknown as Record<string, typeof changes>)[store] = changes;
    const capture = () => {
      const label = (document.querySelector('mf-live-indicator [role="status"]')?.textContent ?? '').trim();
      if (changes.at(-1)?.label !== label) {
        changes.push({ at: Date.now(), label });
      }
    };
    new MutationObserver(capture).observe(document.body, { subtree: true, childList: true, characterData: true });
    capture();
  }, key);
  return () => page.evaluate((store) => (window as unknown as Record<string, { at: number; label: string }[]>)[store] ?? [], key);
}
