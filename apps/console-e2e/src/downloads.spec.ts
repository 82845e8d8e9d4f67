import { readFileSync } from 'node:fs';

import { eventually, fixture } from '@mcp-fleet/api/shared/testing';
import type { McpServer, ServerLogPage } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { waitForText } from './support/ui';

/**
 * What an operator takes away: a whole run's log from the Logs tab (searched or downloaded),
 * the audit trail from the Audit log.
 */
describeInBrowser('a run log, searched and downloaded, and the audit trail', () => {
  const fleet = useConsole();
  let server: McpServer;

  beforeAll(async () => {
    const registered = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name: 'writes-and-exits',
      transport: 'stdio',
      config: { command: process.execPath, args: [fixture('exit-after.mjs'), '3', '5'], retryAttempts: 0 },
    });
    server = registered.body;
    await fleet.api.post(`/api/mcp/servers/${server.id}/start`);
    await eventually(async () => {
      const logs = await fleet.api.get<ServerLogPage>(`/api/mcp/servers/${server.id}/logs`);
      return logs.body.items.some((item) => item.line.includes('exiting with code 5') && item.seq !== null) || undefined;
    }, 'the exit line stored');
  });

  it('downloads the whole run from the Logs tab', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${server.id}`);
    await page.getByRole('heading', { level: 1, name: 'writes-and-exits' }).waitFor();
    await page.getByRole('tab', { name: 'Logs' }).click();
    await waitForText(page.getByRole('log'), 'exiting with code 5');

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download run' }).click()]);

    expect(file.suggestedFilename()).toMatch(/^writes-and-exits-[0-9a-f-]{36}\.log$/);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text).toMatch(/ stderr fixture exit-after: exiting with code 5\n$/);
    await checkPage(page, 'server-logs-download');
  }, 120_000);

  it('searches the whole run for a line the Logs tab no longer keeps', async () => {
    const registered = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name: 'many-lines',
      transport: 'stdio',
      config: { command: process.execPath, args: [fixture('many-lines.mjs'), '1200', '300'] },
    });
    const chatty = registered.body;
    await fleet.api.post(`/api/mcp/servers/${chatty.id}/start`);
    await eventually(async () => {
      const logs = await fleet.api.get<ServerLogPage>(`/api/mcp/servers/${chatty.id}/logs?search=line%201200%20of`);
      return logs.body.items.some((item) => item.seq !== null) || undefined;
    }, 'the last of 1200 lines stored');
    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${chatty.id}`);
    await page.getByRole('heading', { level: 1, name: 'many-lines' }).waitFor();
    await page.getByRole('tab', { name: 'Logs' }).click();
    const log = page.getByRole('log');
    await waitForText(log, 'line 1200 of 1200');

    const filter = page.getByRole('searchbox', { name: 'Filter lines' });
    await filter.fill('the first line');
    await waitForText(log, 'No line matches the filters');
    await filter.press('Enter');

    await waitForText(log, 'fixture many-lines: the first line');
    await waitForText(page.getByRole('status').filter({ hasText: 'whole run' }), '1 line of the whole run contains “the first line”');
    expect(await log.locator('.mf-log-line').count()).toBe(1);
    await checkPage(page, 'server-logs-search');

    await page.getByRole('button', { name: 'Back to the kept lines' }).click();
    await waitForText(log, 'No line matches the filters');

    // A new run while a search is shown: the tab follows it, with the lines kept here.
    await filter.press('Enter');
    const wholeRun = page.getByRole('status').filter({ hasText: 'whole run' });
    await waitForText(wholeRun, '1 line of the whole run contains “the first line”');
    const restarted = await fleet.api.post(`/api/mcp/servers/${chatty.id}/restart`);
    expect(restarted.status).toBe(200);
    await wholeRun.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Back to the kept lines' }).waitFor({ state: 'detached' });
    await waitForText(page.getByRole('status').filter({ hasText: 'Following live' }), 'Following live.');
  }, 120_000);

  it('exports the audit log as CSV with the filters applied', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/admin/audit?action=server.register');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);

    expect(file.suggestedFilename()).toMatch(/^mcp-fleet-audit-[\dT-]+Z\.csv$/);
    const [header, ...rows] = readFileSync(await file.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(header.startsWith('seq,timestamp,actorKind,actorId,actorName,action,')).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes(',server.register,'))).toBe(true);
    await checkPage(page, 'audit-export');
  }, 120_000);
});
