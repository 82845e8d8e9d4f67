import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { eventually, REPO_ROOT } from '@mcp-fleet/api/shared/testing';
import type { FleetMetricHistory, McpServer, McpServerDetail } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { waitForText } from './support/ui';

/** Our own small stdio MCP server: it starts fast. */
const MEDIA_SERVER = join(REPO_ROOT, 'apps/console-e2e/src/fixtures/media-server.mjs');

/**
 * Charts over time with a choice of range and their units: the fleet's on the dashboard (servers
 * running, tool calls, CPU, memory) and a server's on its overview.
 */
describeInBrowser('fleet and server charts', () => {
  // A sample a second, so a running server has points within the test.
  const fleet = useConsole({ env: { METRICS_SAMPLE_INTERVAL_MS: '1000' } });
  let server: McpServer;

  /** The `step` of each history request the page makes from now on. */
  function historySteps(page: Page, path: string): number[] {
    const steps: number[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === path) {
        steps.push(Number(url.searchParams.get('step')));
      }
    });
    return steps;
  }

  beforeAll(async () => {
    const response = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name: 'charted',
      transport: 'stdio',
      config: { command: process.execPath, args: [MEDIA_SERVER] },
    });
    server = response.body;
    expect((await fleet.api.post(`/api/mcp/servers/${server.id}/start`)).status).toBeLessThan(300);
    await eventually(
      async () => (await fleet.api.get<McpServerDetail>(`/api/mcp/servers/${server.id}`)).body.state === 'running',
      'charted to run',
      { timeoutMs: 60_000 },
    );
    await eventually(
      async () => {
        const history = (await fleet.api.get<FleetMetricHistory>('/api/mcp/metrics/history')).body;
        return history.points.filter((point) => point.servers === 1).length >= 2;
      },
      'two samples of the running server in the fleet history',
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }, 120_000);

  it('charts the fleet on the dashboard with units, over a range the operator picks', async () => {
    const page = fleet.page;
    const steps = historySteps(page, '/api/mcp/metrics/history');
    await login(page);
    await page.goto('/');
    // The charts take their place below the cards and load once scrolled into view.
    await page.locator('main article[aria-label]').first().waitFor();
    // Either the placeholder or, once it was in view, the charts in its place.
    await page.locator('.mf-fleet-activity').first().scrollIntoViewIfNeeded();
    const activity = page.getByRole('region', { name: /Fleet activity/ });
    await activity.scrollIntoViewIfNeeded();
    await waitForText(activity, 'Fleet activity over the last hour');

    const running = activity.getByRole('img', { name: /^Running: latest 1\.0 servers/ });
    await running.waitFor();
    const captions = await activity.locator('figcaption').allTextContents();
    expect(captions.map((caption) => caption.replace(/\s+/g, ' ').trim())).toEqual([
      'Servers running (servers)',
      'Tool calls (calls/min)',
      'CPU, all servers (% of a core)',
      'Memory, all servers (MB)',
    ]);
    expect(await activity.getByRole('img', { name: /^Memory: latest \d+\.\d MB/ }).count()).toBe(1);

    await activity.getByRole('radio', { name: '24 h' }).click();
    await waitForText(activity, 'Fleet activity over the last 24 hours');
    await eventually(() => Promise.resolve(steps.includes(1440) || undefined), 'a request for 24 h in 60 buckets');
    expect(steps[0]).toBe(60);
    await activity.getByRole('img', { name: /^Running: latest 1\.0 servers/ }).waitFor();
    await checkPage(page, 'dashboard-fleet-activity');
  }, 120_000);

  it('charts a server over 7 days on its overview', async () => {
    const page = fleet.page;
    const steps = historySteps(page, `/api/mcp/servers/${server.id}/metrics/history`);
    await login(page);
    await page.goto(`/servers/${server.id}`);
    await page.getByRole('heading', { level: 1, name: 'charted' }).waitFor();
    const charts = page.getByRole('region', { name: 'Last hour' });
    await charts.getByRole('img', { name: /^Memory: latest/ }).waitFor();

    await charts.getByRole('radio', { name: '7 d' }).click();
    // The heading changes at once and the hour's charts stay until the week's arrive.
    await eventually(() => Promise.resolve(steps.includes(10_080) || undefined), 'a request for 7 d in 60 buckets');
    const week = page.getByRole('region', { name: 'Last 7 days' });
    await week.getByRole('img', { name: /^Memory: latest/ }).waitFor();

    expect(await week.locator('figcaption').first().textContent()).toContain('(ms)');
  }, 120_000);
});
