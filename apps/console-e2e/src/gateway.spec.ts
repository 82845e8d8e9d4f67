import type { Page } from 'playwright-core';

import { eventually, SERVER_EVERYTHING } from '@mcp-fleet/api/shared/testing';
import {
  type ApiToken,
  type CatalogList,
  type CatalogTool,
  GATEWAY_PATH,
  gatewayServerPath,
  type McpServer,
} from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage, expectNoSeriousA11yViolations } from './support/page-checks';
import { openedDialog, textOf, waitForText } from './support/ui';

const NAME = 'everything';
const TOKEN_NAME = 'e2e-gateway-client';
const PLACEHOLDER = '<your token>';
const SCOPED_NAME = 'e2e-scoped-reader';

/** The Gateway page (endpoints, snippets, a token shown once) and the per-tool switches, against a real server. */
describeInBrowser('the MCP gateway: connection page, client tokens and tool switches', () => {
  const fleet = useConsole();
  let server: McpServer | undefined;

  const serverId = (): string => {
    if (!server) {
      throw new Error('The server was not registered (see beforeAll)');
    }
    return server.id;
  };
  const snippet = (page: Page, kind: string) => page.locator(`pre[data-snippet="${kind}"]`);

  async function openGateway(page: Page): Promise<void> {
    await login(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gateway' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gateway' }).waitFor();
    await page.getByTestId('fleet-url').waitFor();
  }

  beforeAll(async () => {
    const registered = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name: NAME,
      transport: 'stdio',
      config: { command: process.execPath, args: [SERVER_EVERYTHING, 'stdio'] },
    });
    if (registered.status !== 201) {
      throw new Error(`Registering ${NAME} failed with ${registered.status}: ${JSON.stringify(registered.body)}`);
    }
    server = registered.body;
    const started = await fleet.api.post(`/api/mcp/servers/${server.id}/start`);
    expect(started.status).toBeLessThan(300);
    await eventually(
      async () => (await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`)).body.state === 'running',
      `${NAME} to run`,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }, 120_000);

  it('shows the fleet endpoint, each server endpoint and client snippets with a placeholder', async () => {
    const page = fleet.page;
    await openGateway(page);

    const fleetUrl = `${fleet.api.url}${GATEWAY_PATH}`;
    expect(await textOf(page.getByTestId('fleet-url'))).toBe(fleetUrl);
    const row = page.getByRole('row').filter({ hasText: NAME });
    await waitForText(row, `${fleet.api.url}${gatewayServerPath(NAME)}`);
    await row.getByRole('button', { name: `Copy endpoint URL of ${NAME}` }).waitFor();

    // Claude Desktop first: a stdio bridge (mcp-remote) to the fleet URL, the token through env.
    const claude = await textOf(snippet(page, 'claude-desktop'));
    expect(claude).toContain('"mcp-remote"');
    expect(claude).toContain(`"${fleetUrl}"`);
    expect(claude).toContain(`"AUTH_HEADER": "Bearer ${PLACEHOLDER}"`);

    await page.getByRole('tab', { name: 'VS Code' }).click();
    const vscode = JSON.parse((await snippet(page, 'vscode').textContent()) ?? '') as unknown;
    expect(vscode).toEqual({
      servers: { 'mcp-fleet': { type: 'http', url: fleetUrl, headers: { Authorization: `Bearer ${PLACEHOLDER}` } } },
    });

    // Choosing a server puts its own endpoint in the snippets.
    await page.getByRole('combobox', { name: 'Endpoint' }).click();
    await page.getByRole('option', { name: NAME, exact: true }).click();
    await waitForText(snippet(page, 'vscode'), `${fleet.api.url}${gatewayServerPath(NAME)}`);

    for (const figure of ['Requests', 'Errors', 'Active sessions', 'Latency']) {
      await page.getByRole('group', { name: figure }).waitFor();
    }
    await checkPage(page, 'gateway');
  }, 120_000);

  it('creates a client token, shows it once in the snippets, and the gateway accepts it', async () => {
    const page = fleet.page;
    await openGateway(page);
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = await openedDialog(page.getByRole('dialog'));
    await dialog.getByLabel('Name', { exact: true }).fill(TOKEN_NAME);
    await dialog.getByRole('radio', { name: 'Only these servers' }).check();
    await dialog.getByRole('combobox', { name: 'Servers' }).click();
    await page.getByRole('option', { name: NAME, exact: true }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Create token', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const once = page.getByRole('region', { name: 'New token' });
    await once.waitFor();
    expect(await textOf(once)).toMatch(/shown once/i);
    const masked = await textOf(page.getByTestId('new-token'));
    expect(masked).toContain('•');
    expect(await textOf(snippet(page, 'claude-desktop'))).toContain(masked);

    await once.getByRole('button', { name: 'Reveal token' }).click();
    await once.getByRole('button', { name: 'Hide token' }).waitFor();
    const token = await textOf(page.getByTestId('new-token'));
    expect(token).not.toContain('•');
    expect(token.length).toBeGreaterThan(20);
    expect(await textOf(snippet(page, 'claude-desktop'))).toContain(`"AUTH_HEADER": "Bearer ${token}"`);
    await page.getByRole('tab', { name: 'Other clients' }).click();
    expect(await textOf(snippet(page, 'generic'))).toContain(`Authorization: Bearer ${token}`);
    await checkPage(page, 'gateway-token');

    // What was created: the gateway permission only, limited to the chosen server.
    const tokens = await fleet.api.get<ApiToken[]>('/api/mcp/api-tokens');
    const created = tokens.body.find((item) => item.name === TOKEN_NAME);
    expect(created).toMatchObject({ permissions: ['mcp:call_tools'], serverIds: [serverId()] });

    // And it works: an MCP client's first request to the fleet endpoint.
    const response = await fetch(`${fleet.api.url}${GATEWAY_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'console-e2e', version: '1.0.0' } },
      }),
    });
    const body = await response.text();
    expect({ status: response.status, body }).toMatchObject({ status: 200 });

    // Shown once: after a reload the page no longer knows it.
    await page.reload();
    await page.getByTestId('fleet-url').waitFor();
    expect(await page.getByRole('region', { name: 'New token' }).count()).toBe(0);
    expect(await textOf(snippet(page, 'claude-desktop'))).toContain(PLACEHOLDER);
    expect(await textOf(page.getByRole('main'))).not.toContain(token);
  }, 120_000);

  it('limits an API token to chosen servers from the admin form, and the token list names them', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/admin/tokens');
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    // The client token from the Gateway page is listed with its one server.
    await waitForText(page.getByRole('row').filter({ hasText: TOKEN_NAME }), NAME);

    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = await openedDialog(page.getByRole('dialog'));
    await dialog.getByLabel('Name', { exact: true }).fill(SCOPED_NAME);
    await dialog.getByRole('radio', { name: 'Only some servers' }).check();
    await dialog.getByRole('combobox', { name: 'Servers' }).fill(NAME.slice(0, 5));
    await page.getByRole('option', { name: NAME, exact: true }).click();
    await dialog
      .getByRole('row', { name: NAME })
      .or(dialog.getByRole('gridcell', { name: NAME }))
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(page, 'api-token-scoped-form');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByLabel('New token', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    await waitForText(page.getByRole('row').filter({ hasText: SCOPED_NAME }), NAME);
    const tokens = await fleet.api.get<ApiToken[]>('/api/mcp/api-tokens');
    expect(tokens.body.find((item) => item.name === SCOPED_NAME)?.serverIds).toEqual([serverId()]);
    await checkPage(page, 'api-tokens-scoped');
  }, 120_000);

  it('switches a tool off on the Tools tab, and it stays off after a reload', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${serverId()}?tab=tools`);
    const echo = page.getByRole('switch', { name: 'echo: shown to MCP clients' });
    await echo.waitFor();
    expect(await echo.getAttribute('aria-checked')).toBe('true');

    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().endsWith('/tools/echo'));
    await echo.click();
    // Optimistic: the item says so at once, whatever the API takes.
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'echo', exact: true }) });
    await waitForText(item, 'Hidden from MCP clients');
    expect((await saved).status()).toBe(200);
    const tools = await fleet.api.get<CatalogList<CatalogTool>>(`/api/mcp/servers/${serverId()}/tools`);
    expect(tools.body.items.find((tool) => tool.name === 'echo')?.['enabled']).toBe(false);
    await checkPage(page, 'server-tools-switched');

    await page.reload();
    await echo.waitFor();
    expect(await echo.getAttribute('aria-checked')).toBe('false');
    await waitForText(item, 'Hidden from MCP clients');
    // Other tools are untouched.
    expect(await page.getByRole('switch', { name: 'get-sum: shown to MCP clients' }).getAttribute('aria-checked')).toBe('true');
  }, 120_000);
});
