import type { Page } from 'playwright-core';

import { eventually, SERVER_EVERYTHING } from '@mcp-fleet/api/shared/testing';
import type { McpServer, Page as ListPage, ServerLogPage } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { markDocument, textOf, waitForText } from './support/ui';

const NAME = 'everything';
const ECHO_TEXT = 'hello from the console e2e';

/** One real MCP server (server-everything over stdio) from the Add server form to Stop. */
describeInBrowser('one server from registration to stop', () => {
  const fleet = useConsole();
  let server: McpServer | undefined;

  const serverId = (): string => {
    if (!server) {
      throw new Error('The server was not added (see the first test)');
    }
    return server.id;
  };
  const stateBadge = (page: Page, state: string) => page.locator('mf-state-badge').filter({ hasText: state }).first();

  /** Opens the detail page of the server, signed in. */
  async function openDetail(page: Page): Promise<void> {
    await login(page);
    await page.goto(`/servers/${serverId()}`);
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
  }

  /** Clicks a lifecycle button and confirms if the page asks first. */
  async function lifecycle(page: Page, button: string, expectedState: string): Promise<void> {
    await page.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog');
    // A start with no confirmation waits here for server-everything to run: as long as below.
    await dialog.or(stateBadge(page, expectedState)).first().waitFor({ timeout: 60_000 });
    if (await dialog.isVisible()) {
      await dialog.getByRole('button', { name: button, exact: true }).click();
    }
  }

  it('adds server-everything through the Add server form', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/servers');
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
    await page
      .getByRole('link', { name: 'Add server' })
      .or(page.getByRole('button', { name: 'Add server' }))
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Add server' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Description', { exact: true }).fill('The reference MCP server, over stdio');
    await page.getByRole('combobox', { name: 'Transport' }).click();
    await page.getByRole('option', { name: 'stdio', exact: true }).click();
    await page.getByLabel('Command', { exact: true }).fill('node');
    await page.getByRole('button', { name: 'Add argument' }).click();
    await page.getByLabel('Argument 1', { exact: true }).fill(SERVER_EVERYTHING);
    await page.getByRole('button', { name: 'Add argument' }).click();
    await page.getByLabel('Argument 2', { exact: true }).fill('stdio');
    await checkPage(page, 'server-add');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The console shows the new server (its page, or the list with its link).
    await page
      .getByRole('heading', { level: 1, name: NAME })
      .or(page.getByRole('link', { name: NAME, exact: true }))
      .first()
      .waitFor();

    const list = await fleet.api.get<ListPage<McpServer>>(`/api/mcp/servers?search=${NAME}`);
    server = list.body.items.find((item) => item.name === NAME);
    expect(server).toBeDefined();
    expect(server?.transport).toBe('stdio');
    expect(server?.state).toBe('stopped');
    expect(server?.config).toMatchObject({ command: 'node', args: [SERVER_EVERYTHING, 'stdio'] });
  });

  it('starts it from its page and shows it running without a reload', async () => {
    const page = fleet.page;
    await openDetail(page);
    await stateBadge(page, 'stopped').waitFor();
    const document = await markDocument(page);

    await lifecycle(page, 'Start', 'running');
    await stateBadge(page, 'running').waitFor({ timeout: 60_000 });
    expect(await document.sameDocument()).toBe(true);
    // Only what the state machine allows now is offered.
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Start', exact: true }).count()).toBe(0);
    expect((await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`)).body.state).toBe('running');
    await checkPage(page, 'server-detail');
  }, 120_000);

  it('calls the echo tool in the playground and shows the result and its duration', async () => {
    const page = fleet.page;
    await openDetail(page);
    await page.getByRole('tab', { name: 'Tools' }).click();
    await page.getByRole('button', { name: 'Try echo', exact: true }).click();
    await page.getByLabel('message', { exact: true }).fill(ECHO_TEXT);
    await page.getByRole('button', { name: 'Call tool' }).click();

    const result = page.getByLabel('Tool result', { exact: true });
    await waitForText(result, `Echo: ${ECHO_TEXT}`);
    expect(await textOf(result)).toMatch(/\d+(\.\d+)?\s*ms/);
    await checkPage(page, 'server-tools');
  }, 120_000);

  it("shows the server's stderr in the logs tab", async () => {
    const page = fleet.page;
    const logs = await eventually(async () => {
      const response = await fleet.api.get<ServerLogPage>(`/api/mcp/servers/${serverId()}/logs`);
      return response.status === 200 && response.body.items.length > 0 && response.body;
    }, 'server-everything to write to stderr');
    const firstLine = logs.items[0].line.trim();
    expect(firstLine).toContain('Starting default (STDIO) server');

    await openDetail(page);
    await page.getByRole('tab', { name: 'Logs' }).click();
    await waitForText(page.getByRole('log'), firstLine);
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.getByLabel('Filter lines', { exact: true }).waitFor();
    await checkPage(page, 'server-logs');
  }, 120_000);

  it("lists the server's events in the events tab, newest first", async () => {
    const page = fleet.page;
    await openDetail(page);
    await page.getByRole('tab', { name: 'Events' }).click();
    const panel = page.getByRole('tabpanel');
    await waitForText(panel, 'server.started');
    await waitForText(panel, 'server.registered');
    const text = await textOf(panel);
    expect(text.indexOf('server.started')).toBeLessThan(text.indexOf('server.registered'));
    await checkPage(page, 'server-events');
  }, 120_000);

  it('stops it and shows it stopped without a reload', async () => {
    const page = fleet.page;
    await openDetail(page);
    await stateBadge(page, 'running').waitFor();
    const document = await markDocument(page);

    await lifecycle(page, 'Stop', 'stopped');
    await stateBadge(page, 'stopped').waitFor({ timeout: 60_000 });
    expect(await document.sameDocument()).toBe(true);
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    expect((await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`)).body.state).toBe('stopped');
  }, 120_000);

  it('opens the edit page with the saved configuration', async () => {
    const page = fleet.page;
    await openDetail(page);
    await page
      .getByRole('link', { name: 'Edit', exact: true })
      .or(page.getByRole('button', { name: 'Edit', exact: true }))
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: `Edit ${NAME}` }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(NAME);
    expect(await page.getByLabel('Command', { exact: true }).inputValue()).toBe('node');
    expect(await page.getByLabel('Argument 1', { exact: true }).inputValue()).toBe(SERVER_EVERYTHING);
    expect(await page.getByLabel('Argument 2', { exact: true }).inputValue()).toBe('stdio');
    await checkPage(page, 'server-edit');
  }, 120_000);

  it('shows the server on the dashboard and starts and stops it from its card', async () => {
    const page = fleet.page;
    await login(page);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    for (const title of ['Servers', 'Unhealthy', 'Events (last hour)', 'Avg response time']) {
      await page.getByRole('main').getByText(title, { exact: true }).first().waitFor();
    }
    const liveEvents = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Live events' }) });
    await liveEvents.waitFor();
    const card = page.getByRole('article', { name: NAME });
    await card.locator('mf-state-badge').filter({ hasText: 'stopped' }).waitFor();
    const document = await markDocument(page);
    const mentions = async () => (await textOf(liveEvents)).split(NAME).length - 1;
    const mentionsBefore = await mentions();

    await card.getByRole('button', { name: `Start ${NAME}` }).click();
    await card.locator('mf-state-badge').filter({ hasText: 'running' }).waitFor({ timeout: 60_000 });
    // The start's events arrive in the live feed while the page is open.
    await eventually(async () => (await mentions()) > mentionsBefore, 'new events about the server in "Live events"');
    // The fleet figures follow too: the server is counted as running, not as still starting.
    const serversFigure = page.getByRole('group', { name: 'Servers' });
    await eventually(async () => {
      const text = (await textOf(serversFigure)).toLowerCase();
      return text.includes('running') && !text.includes('starting');
    }, 'the "Servers" figure to count the server as running');
    await checkPage(page, 'dashboard');

    await card.getByRole('button', { name: `Stop ${NAME}` }).click();
    const dialog = page.getByRole('dialog');
    const stopped = card.locator('mf-state-badge').filter({ hasText: 'stopped' });
    await dialog.or(stopped).first().waitFor();
    if (await dialog.isVisible()) {
      await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
    }
    await stopped.waitFor({ timeout: 60_000 });
    expect(await document.sameDocument()).toBe(true);
  }, 120_000);

  it('offers no start for a disabled server, and says why', async () => {
    const page = fleet.page;
    const current = (await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`)).body;
    expect((await fleet.api.patch(`/api/mcp/servers/${serverId()}`, { enabled: false, version: current.version })).status).toBe(200);
    await openDetail(page);

    const start = page.getByRole('button', { name: 'Start', exact: true });
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);
    await page.getByText('This server is disabled: enable it (Edit) to start it.').waitFor();
    await checkPage(page, 'server-disabled');

    const again = (await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`)).body;
    await fleet.api.patch(`/api/mcp/servers/${serverId()}`, { enabled: true, version: again.version });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await eventually(async () => !(await start.isDisabled()), 'Start enabled again');
  }, 120_000);
});
