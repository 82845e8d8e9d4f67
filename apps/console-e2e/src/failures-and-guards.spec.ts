import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { eventually, REPO_ROOT } from '@mcp-fleet/api/shared/testing';
import type { McpServer, McpServerDetail } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkDialog, checkPage } from './support/page-checks';
import { textOf, waitForText } from './support/ui';

/** Our own small stdio MCP server: it starts fast. */
const MEDIA_SERVER = join(REPO_ROOT, 'apps/console-e2e/src/fixtures/media-server.mjs');
/** Writes one stderr line and exits with the code it is given, before any handshake. */
const EXIT_IMMEDIATELY = join(REPO_ROOT, 'tools/mcp-fixtures/exit-immediately.mjs');
const STDERR_LINE = 'fixture exit-immediately: exiting with code 7';

const CRASHY = 'crashy';
const GUARDED = ['guard-one', 'guard-two'] as const;
const DOOMED = 'doomed';
const SWITCHED_OFF = 'switched-off';

/**
 * An operator under pressure: why a server failed is where they land (its overview, its card,
 * its row), the dashboard leads to the failing servers, risky actions ask first (bulk stop,
 * "Stop and delete"), and a disabled server is not offered a start.
 */
describeInBrowser('failures where you land, and guarded actions', () => {
  const fleet = useConsole();
  const ids = new Map<string, string>();

  const idOf = (name: string): string => {
    const id = ids.get(name);
    if (!id) {
      throw new Error(`${name} was not registered (see beforeAll)`);
    }
    return id;
  };
  const current = async (name: string): Promise<McpServerDetail> =>
    (await fleet.api.get<McpServerDetail>(`/api/mcp/servers/${idOf(name)}`)).body;
  const untilState = (name: string, state: string) =>
    eventually(async () => (await current(name)).state === state, `${name} to be ${state}`, { timeoutMs: 60_000, intervalMs: 200 });

  const row = (page: Page, name: string): Locator => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  const rowState = (page: Page, name: string, state: string): Locator =>
    row(page, name).locator('mf-state-badge').filter({ hasText: state });
  const card = (page: Page, name: string): Locator => page.getByRole('article', { name, exact: true });

  async function register(name: string, config: Record<string, unknown>, enabled = true): Promise<void> {
    const response = await fleet.api.post<McpServer>('/api/mcp/servers', { name, transport: 'stdio', config, enabled });
    if (response.status !== 201) {
      throw new Error(`Registering ${name} failed with ${response.status}: ${JSON.stringify(response.body)}`);
    }
    ids.set(name, response.body.id);
  }

  async function start(name: string, state = 'running'): Promise<void> {
    await fleet.api.post(`/api/mcp/servers/${idOf(name)}/start`);
    await untilState(name, state);
  }

  async function openList(page: Page): Promise<void> {
    await login(page);
    await page.goto('/servers');
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
  }

  beforeAll(async () => {
    await register(CRASHY, { command: process.execPath, args: [EXIT_IMMEDIATELY, '7'], retryAttempts: 0 });
    await start(CRASHY, 'error');
    for (const name of [...GUARDED, DOOMED]) {
      await register(name, { command: process.execPath, args: [MEDIA_SERVER] });
      await start(name);
    }
    await register(SWITCHED_OFF, { command: process.execPath, args: [MEDIA_SERVER] }, false);
  }, 180_000);

  it('shows why a server failed to start on its overview: exit code, last stderr line, failed starts', async () => {
    const failure = (await current(CRASHY)).lastFailure;
    expect(failure).toMatchObject({ kind: 'start', reason: 'EXITED', exitCode: 7, failedStarts: 1 });

    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${idOf(CRASHY)}`);
    await page.getByRole('heading', { level: 1, name: CRASHY }).waitFor();
    const section = page.getByRole('region', { name: 'Failed to start' });
    await waitForText(section, 'exit code 7');
    const text = await textOf(section);
    expect(text).toContain('EXITED');
    expect(text).toContain(STDERR_LINE);
    expect(text).toContain('1 failed start');
    // "Last started" tells a server whose start failed from one never started.
    await waitForText(page.getByRole('region', { name: 'Metrics' }), 'Failed to start once');
    await checkPage(page, 'server-failed-overview');
  }, 120_000);

  it('shows the failure on the dashboard card, and the figures lead to the failing servers', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/');
    const crashy = card(page, CRASHY);
    await waitForText(crashy, 'EXITED 7');
    expect(await textOf(crashy)).toContain(STDERR_LINE);
    expect(await textOf(crashy)).toContain('Failed to start once');
    // Failing servers come first.
    expect(await page.getByRole('article').first().getAttribute('aria-label')).toBe(CRASHY);
    // A disabled server is offered no start.
    const off = card(page, SWITCHED_OFF);
    await waitForText(off, 'Disabled: not started');
    expect(await off.getByRole('button', { name: `Start ${SWITCHED_OFF}` }).count()).toBe(0);
    await checkPage(page, 'dashboard-failure');

    await page.getByRole('link', { name: '1 in error: show them' }).click();
    await page.waitForURL(/\/servers\?status=error/);
    await row(page, CRASHY).waitFor();
    expect(await page.getByRole('link', { name: GUARDED[0], exact: true }).count()).toBe(0);
  }, 120_000);

  it('shows the failure on the list row, and offers no start for a disabled server', async () => {
    const page = fleet.page;
    await openList(page);
    const crashy = row(page, CRASHY);
    await waitForText(crashy, 'EXITED 7');
    expect(await textOf(crashy)).toContain(STDERR_LINE);

    const off = row(page, SWITCHED_OFF);
    await waitForText(off, 'Disabled');
    await page.getByRole('button', { name: `Actions for ${SWITCHED_OFF}`, exact: true }).click();
    await page.getByRole('menuitem', { name: 'Stop' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Start' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Restart' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await checkPage(page, 'servers-failure');
  }, 120_000);

  it('asks before a bulk stop, with the count and the names; Cancel changes nothing', async () => {
    const page = fleet.page;
    await openList(page);
    for (const name of GUARDED) {
      await rowState(page, name, 'running').waitFor();
      await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    }
    await page.getByRole('button', { name: 'Stop selected', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Stop 2 servers?' }).waitFor();
    expect(await textOf(dialog)).toContain('Stop guard-one and guard-two.');
    await checkDialog(page, 'servers-bulk-stop-confirm');

    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Bulk results', { exact: true }).count()).toBe(0);
    expect(await page.getByText('2 selected').count()).toBe(1);
    for (const name of GUARDED) {
      expect((await current(name)).state).toBe('running');
      await rowState(page, name, 'running').waitFor();
    }

    await page.getByRole('button', { name: 'Stop selected', exact: true }).click();
    await dialog.getByRole('button', { name: 'Stop 2 servers', exact: true }).click();
    for (const name of GUARDED) {
      await rowState(page, name, 'stopped').waitFor({ timeout: 60_000 });
    }
    expect((await current(GUARDED[0])).state).toBe('stopped');
  }, 180_000);

  it('stops and deletes a running server from its page, after a confirmation', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${idOf(DOOMED)}`);
    await page.getByRole('heading', { level: 1, name: DOOMED }).waitFor();
    await page.locator('mf-state-badge').filter({ hasText: 'running' }).first().waitFor();
    await page.getByRole('button', { name: 'Stop and delete', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Stop and delete ${DOOMED}?` }).waitFor();
    expect(await textOf(dialog)).toContain(`${DOOMED} is running: it is stopped first.`);
    await dialog.getByRole('button', { name: 'Stop and delete', exact: true }).click();

    // The snack bar (4 s) opens before the list is loaded and drawn: look for it first.
    await waitForText(page.locator('mat-snack-bar-container'), `Deleted ${DOOMED}`, 60_000);
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor({ timeout: 60_000 });
    expect((await fleet.api.get(`/api/mcp/servers/${idOf(DOOMED)}`)).status).toBe(404);
    // No message on the way named the server by its id.
    expect(await page.getByText(idOf(DOOMED)).count()).toBe(0);
  }, 120_000);
});
