import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { eventually, REPO_ROOT } from '@mcp-fleet/api/shared/testing';
import type { McpServer, McpServerDetail, ServerRevisionPage } from '@mcp-fleet/shared/contracts';

import { ADMIN, describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage, expectNoSeriousA11yViolations } from './support/page-checks';
import { textOf, waitForText } from './support/ui';

const NAME = 'history-fixture';
/** Our own small stdio MCP server: it starts fast, and its env is ours to change. */
const MEDIA_SERVER = join(REPO_ROOT, 'apps/console-e2e/src/fixtures/media-server.mjs');
const SECRET = 'history-secret-value';

/**
 * A running server's config history in the console: revisions listed after two edits, two of
 * them compared side by side, an old one restored after a confirmation, and the banner that
 * says a running server waits for a restart until the restart.
 */
describeInBrowser('the History tab and the pending-restart banner', () => {
  const fleet = useConsole();
  let server: McpServer | undefined;

  const serverId = (): string => {
    if (!server) {
      throw new Error('The server was not registered (see beforeAll)');
    }
    return server.id;
  };

  async function current(): Promise<McpServerDetail> {
    return (await fleet.api.get<McpServerDetail>(`/api/mcp/servers/${serverId()}`)).body;
  }

  /** One edit through the API, as another operator (or a script) would make it. */
  async function edit(change: Record<string, unknown>): Promise<void> {
    const { version } = await current();
    const patched = await fleet.api.patch(`/api/mcp/servers/${serverId()}`, { version, ...change });
    expect(patched.status).toBe(200);
  }

  async function openTab(page: Page, tab: string): Promise<void> {
    await login(page);
    await page.goto(`/servers/${serverId()}${tab === 'Overview' ? '' : `?tab=${tab.toLowerCase()}`}`);
    await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
    await page.getByRole('tab', { name: tab, selected: true }).waitFor();
  }

  const row = (page: Page, revision: number): Locator => page.locator(`tr[data-revision="${revision}"]`);
  const banner = (page: Page): Locator =>
    page.locator('.mf-pending-restart').filter({ hasText: 'Configuration changed since this server started' });

  beforeAll(async () => {
    const registered = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name: NAME,
      transport: 'stdio',
      config: { command: process.execPath, args: [MEDIA_SERVER], env: { MODE: 'first', API_KEY: { secret: true, value: SECRET } } },
    });
    expect(registered.status).toBe(201);
    server = registered.body;
    expect((await fleet.api.post(`/api/mcp/servers/${server.id}/start`)).status).toBeLessThan(300);
    await eventually(async () => (await current()).state === 'running', `${NAME} to run`, { timeoutMs: 60_000, intervalMs: 200 });
  }, 120_000);

  it('lists the revisions after two edits, live, and compares any two side by side', async () => {
    await edit({ config: { env: { MODE: 'second', API_KEY: { secret: true } } } });
    const page = fleet.page;
    await openTab(page, 'History');
    await row(page, 2).waitFor();
    expect(await textOf(row(page, 1))).toContain('create');
    expect(await textOf(row(page, 2))).toMatch(/#2\s*current\s*update.*config\.env\.MODE/);
    expect(await textOf(row(page, 2))).toContain(ADMIN.email);

    // The second edit arrives while the tab is open: the list follows server.updated by itself.
    await edit({ tags: ['edited'] });
    await row(page, 3).waitFor();
    await waitForText(row(page, 3), /#3\s*current\s*update.*tags/);

    // The two newest are compared first; pick #1 and #2 instead, by keyboard.
    const diff = page.getByRole('region', { name: 'Differences between revision #2 and #3' });
    await waitForText(diff.locator('tr.mf-changed'), 'tags');
    await page.getByRole('checkbox', { name: 'Compare revision #3' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Compare revision #1' }).focus();
    await page.keyboard.press('Space');
    const older = page.getByRole('region', { name: 'Differences between revision #1 and #2' });
    const mode = older.locator('tr[data-path="config.env.MODE"]');
    await mode.waitFor();
    expect(await mode.getAttribute('class')).toContain('mf-changed');
    expect(await textOf(mode.locator('th'))).toBe('config.env.MODE changed');
    expect(await textOf(mode.locator('td').first())).toBe('first');
    expect(await textOf(mode.locator('td').last())).toBe('second');
    // The secret is masked on both sides, as the API gives it.
    const key = older.locator('tr[data-path="config.env.API_KEY"]');
    expect(await textOf(key)).not.toContain(SECRET);
    expect(await textOf(key)).toContain('secret');
    expect(await key.getAttribute('class')).toBeNull();
    expect(await page.content()).not.toContain(SECRET);

    await checkPage(page, 'server-history');
  }, 180_000);

  it('restores revision #1 after a confirmation that names it and what changes', async () => {
    const page = fleet.page;
    await openTab(page, 'History');
    await row(page, 3).waitFor();
    await page.getByRole('button', { name: 'Restore revision #1', exact: true }).click();

    const dialog = page.getByRole('dialog');
    await waitForText(dialog, 'Restore revision #1?');
    const message = await textOf(dialog);
    expect(message).toContain('config.env.MODE');
    expect(message).toContain('tags');
    await expectNoSeriousA11yViolations(page, 'restore confirmation');
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

    await waitForText(page.locator('mat-snack-bar-container'), `Restored revision #1 of ${NAME} as revision #4`);
    await waitForText(row(page, 4), /#4\s*current\s*restore · restored from #1/);

    const restored = await current();
    expect(restored.config.env?.['MODE']).toBe('first');
    expect(restored.config.env?.['API_KEY']).toEqual({ secret: true });
    expect(restored.tags).toEqual([]);

    // The overview shows the old value again.
    await page.getByRole('tab', { name: 'Overview' }).click();
    const config = page.getByRole('region', { name: 'Configuration' });
    await waitForText(config, /MODE\s*first/);
    await checkPage(page, 'server-history-restored');
  }, 180_000);

  it('says a restore met a newer change (VERSION_CONFLICT) and offers a reload', async () => {
    const page = fleet.page;
    await openTab(page, 'History');
    await row(page, 4).waitFor();
    // The page is kept current by the socket; the request alone is made stale, the API answers for real.
    await page.route('**/revisions/*/restore', (route) => route.continue({ postData: JSON.stringify({ version: 1 }) }));
    await page.getByRole('button', { name: 'Restore revision #2', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore', exact: true }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'was changed since you loaded it' });
    await waitForText(alert, 'VERSION_CONFLICT');
    expect(await textOf(alert)).toContain('Reload');
    await expectNoSeriousA11yViolations(page, 'restore conflict');
    // Refused: no revision was made.
    expect((await fleet.api.get<ServerRevisionPage>(`/api/mcp/servers/${serverId()}/revisions`)).body.total).toBe(4);
    await alert.getByRole('button', { name: 'Reload', exact: true }).click();
    await alert.waitFor({ state: 'detached' });
    await row(page, 4).waitFor();
  }, 120_000);

  it('shows the pending-restart banner after an env edit of the running server until Restart', async () => {
    await edit({ config: { env: { MODE: 'third', API_KEY: { secret: true } } } });
    const waiting = await current();
    expect([waiting.pendingRestart, waiting.pendingPaths]).toEqual([true, ['config.env.MODE']]);

    const page = fleet.page;
    await openTab(page, 'Overview');
    await waitForText(banner(page), 'Configuration changed since this server started: config.env.MODE. Restart to apply.');
    await checkPage(page, 'server-pending-restart');

    await banner(page).getByRole('button', { name: 'Restart', exact: true }).click();
    await banner(page).waitFor({ state: 'detached', timeout: 60_000 });
    await eventually(async () => (await current()).state === 'running', `${NAME} to run again`, { timeoutMs: 60_000, intervalMs: 200 });
    expect((await current()).pendingRestart).toBe(false);
    await page.locator('mf-state-badge').filter({ hasText: 'running' }).first().waitFor();
    expect(await banner(page).count()).toBe(0);
  }, 180_000);
});
