import { recordTransfers, summarizeTransfers, type Transfer } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { ADMIN, describeInBrowser, login, useConsole } from './support/console-under-test';

/** The budget for a first visit (sign-in page, then the dashboard), in bytes on the wire. */
const FIRST_VISIT_BUDGET = 1_000_000;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Names the Angular build gives its files: eight upper-case letters and digits of content hash. */
const HASHED = /-[A-Z0-9]{8}\.(js|css|woff2)$/;
/** The longest a reload's session refresh is held while the page's own code is awaited. */
const HOLD_REFRESH_MS = 10_000;

describeInBrowser('console weight and caching', () => {
  const fleet = useConsole();

  beforeAll(async () => {
    for (const name of ['weight-alpha', 'weight-beta']) {
      const response = await fleet.api.post<McpServer>('/api/mcp/servers', {
        name,
        transport: 'stdio',
        config: { command: 'node', args: ['-e', '0'] },
      });
      if (response.status !== 201) {
        throw new Error(`Registering ${name} failed with ${response.status}: ${JSON.stringify(response.body)}`);
      }
    }
  });

  it('makes a first visit (sign-in, then the dashboard) of compressed, long-cached assets under 1 MB', async () => {
    const page = fleet.page;
    const recorder = await recordTransfers(page);
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.locator('main article[aria-label="weight-alpha"]').waitFor();
    await page.waitForLoadState('networkidle');
    const transfers = await recorder.stop();

    // index.html is revalidated on every load.
    const index = transfers.find((t) => t.type === 'Document');
    expect(index).toMatchObject({ status: 200, encoding: 'br', cacheControl: 'no-cache' });
    const assets = transfers.filter((t) => HASHED.test(new URL(t.url).pathname));
    expect(assets.map((t) => t.type)).toEqual(expect.arrayContaining(['Script', 'Stylesheet', 'Font']));
    for (const asset of assets) {
      expect({ url: asset.url, cacheControl: asset.cacheControl }).toEqual({ url: asset.url, cacheControl: IMMUTABLE });
      // A woff2 font is Brotli inside already; everything else travels compressed.
      if (asset.type !== 'Font') {
        expect({ url: asset.url, encoding: asset.encoding }).toEqual({ url: asset.url, encoding: 'br' });
      }
    }
    const summary = summarizeTransfers(transfers);
    expect({ ...summary, underBudget: summary.bytes < FIRST_VISIT_BUDGET }).toMatchObject({ underBudget: true });

    // The next visit takes the hashed assets from the cache without asking the API.
    const again = await recordTransfers(page);
    await page.goto('/');
    await page.locator('main article[aria-label="weight-alpha"]').waitFor();
    await page.waitForLoadState('networkidle');
    const reloaded = (await again.stop()).filter((t) => HASHED.test(new URL(t.url).pathname));
    expect(reloaded.length).toBeGreaterThan(0);
    expect(reloaded.filter((t) => !t.fromCache).map((t) => t.url)).toEqual([]);
  });

  it('serves assets uncompressed to a client that accepts no encoding, and gzip to one that takes only gzip', async () => {
    const html = await fetch(`${fleet.api.url}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(html.headers.get('content-encoding')).toBeNull();
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(main-[A-Z0-9]{8}\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeDefined();
    const gzip = await fetch(`${fleet.api.url}/${script}`, { headers: { 'accept-encoding': 'gzip' }, decompress: false } as RequestInit);
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(gzip.headers.get('vary')).toMatch(/accept-encoding/i);
  });

  it('downloads the page’s own code while the session is restored, not after', async () => {
    const page = fleet.page;
    await login(page);
    // Off the console first, so no script of the page before is counted.
    await page.goto('about:blank');
    const index = await (await fetch(`${fleet.api.url}/`)).text();
    const initial = new Set([...index.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => `/${m[1]}`));
    const lazyScripts: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.js') && !initial.has(path)) {
        lazyScripts.push(path);
      }
    });
    // The refresh is answered once a lazy script was asked for, or after a bound long enough for
    // any machine: before, the router asked for the page only once the session was back.
    let heldUntil = '';
    await page.route('**/api/auth/refresh', async (route) => {
      for (let waited = 0; lazyScripts.length === 0 && waited < HOLD_REFRESH_MS; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      heldUntil = lazyScripts.length > 0 ? 'a lazy script was asked for' : 'the bound passed';
      await route.continue();
    });
    try {
      await page.goto('/servers');
      await page.getByRole('link', { name: 'weight-beta', exact: true }).waitFor();
    } finally {
      await page.unroute('**/api/auth/refresh');
    }
    expect(heldUntil).toBe('a lazy script was asked for');
  });

  it('reads a server’s page, its drift and the events page once per load', async () => {
    const page = fleet.page;
    await login(page);
    const server = (await fleet.api.get<{ items: McpServer[] }>('/api/mcp/servers?search=weight-beta')).body.items[0];
    const live = page.getByRole('status').filter({ hasText: /^\s*Live\s*$/ });
    let sockets = 0;
    page.on('websocket', () => (sockets += 1));
    const reads = {
      [`/servers/${server.id}`]: [`/api/mcp/servers/${server.id}`, `/api/mcp/servers/${server.id}/drift`],
      '/events': ['/api/mcp/events'],
    };
    for (const [path, apis] of Object.entries(reads)) {
      sockets = 0;
      const recorder = await recordTransfers(page);
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await live.waitFor();
      // Re-reads after the feed joins come through debounces of under 1 s: wait past them
      // (not a timing that is asserted), then count.
      await page.waitForTimeout(1_500);
      await page.waitForLoadState('networkidle');
      const transfers = await recorder.stop();
      const allowed = sockets > 1 ? 2 : 1;
      for (const api of apis) {
        const fetched = fetchesOf(transfers, api);
        expect(fetched.length).toBeGreaterThan(0);
        expect({ path, api, sockets, extra: fetched.slice(allowed) }).toEqual({ path, api, sockets, extra: [] });
      }
    }

    // Opening a log tail subscribes the socket to its lines: the tab reads the kept lines once,
    // and the confirmation of that subscription makes nothing on the page read again.
    await page.goto(`/servers/${server.id}`);
    await page.locator('main h1').first().waitFor();
    await live.waitFor();
    await page.waitForTimeout(1_500);
    sockets = 0;
    const recorder = await recordTransfers(page);
    const logsPath = `/api/mcp/servers/${server.id}/logs`;
    // A tab switch is no navigation: wait for the tab's own read, then past any re-read.
    const read = page.waitForResponse((response) => new URL(response.url()).pathname === logsPath);
    await page.getByRole('tab', { name: 'Logs' }).click();
    await read;
    await page.getByRole('log', { name: 'Server log' }).waitFor();
    await page.waitForTimeout(1_500);
    await page.waitForLoadState('networkidle');
    const tail = await recorder.stop();
    const logReads = fetchesOf(tail, logsPath).length;
    // A reconnection of the feed reads the run again by design (lines sent meanwhile are not replayed).
    const allowed = sockets > 0 ? 2 : 1;
    expect(logReads).toBeGreaterThan(0);
    expect({
      sockets,
      server: fetchesOf(tail, `/api/mcp/servers/${server.id}`).length,
      extraLogReads: logReads - Math.min(logReads, allowed),
    }).toEqual({ sockets, server: 0, extraLogReads: 0 });
  });

  it('fetches the servers list once per load', async () => {
    const page = fleet.page;
    await login(page);
    const live = page.getByRole('status').filter({ hasText: /^\s*Live\s*$/ });
    // A reconnection of the live feed reloads the list by design (it may have missed changes);
    // under a loaded machine the first connection can fail once. Counted, so only then is a
    // second fetch allowed.
    let sockets = 0;
    page.on('websocket', () => (sockets += 1));
    for (const load of ['navigate', 'reload'] as const) {
      sockets = 0;
      const recorder = await recordTransfers(page);
      if (load === 'navigate') {
        await page.goto('/servers');
      } else {
        await page.reload();
      }
      await page.getByRole('link', { name: 'weight-beta', exact: true }).waitFor();
      await live.waitFor();
      // The list reloads after a socket (re)subscription through a 1 s debounce: a duplicate
      // fetch would come within it. This waits for the network to settle past it, not a timing
      // that is asserted.
      await page.waitForTimeout(1_500);
      await page.waitForLoadState('networkidle');
      const lists = fetchesOf(await recorder.stop(), '/api/mcp/servers');
      const allowed = sockets > 1 ? 2 : 1;
      expect(lists.length).toBeGreaterThan(0);
      expect({ load, sockets, extra: lists.slice(allowed) }).toEqual({ load, sockets, extra: [] });
    }
  });
});

/** The GETs of one path (query aside) among the transfers. */
function fetchesOf(transfers: readonly Transfer[], path: string): string[] {
  return transfers.filter((t) => t.method === 'GET' && new URL(t.url).pathname === path).map((t) => t.url);
}
