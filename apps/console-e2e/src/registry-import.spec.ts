import type { Locator, Page } from 'playwright-core';

import type { McpServer, Page as ListPage } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { expectNoSeriousA11yViolations } from './support/page-checks';
import { textOf, waitForText } from './support/ui';

/** The MCP Registry's own PyPI example (docs/reference/server-json/generic-server-json.md, schema 2025-12-11). */
const WEATHER_SERVER_JSON = {
  $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
  name: 'io.github.example/weather-mcp',
  description: 'Python MCP server for weather data access',
  title: 'Weather',
  version: '0.5.0',
  packages: [
    {
      registryType: 'pypi',
      registryBaseUrl: 'https://pypi.org',
      identifier: 'weather-mcp-server',
      version: '0.5.0',
      runtimeHint: 'uvx',
      transport: { type: 'stdio' },
      environmentVariables: [
        { name: 'WEATHER_API_KEY', description: 'API key for weather service', isRequired: true, isSecret: true },
        { name: 'WEATHER_UNITS', description: 'Temperature units (celsius, fahrenheit)', default: 'celsius' },
      ],
    },
  ],
};

const NAME = 'io.github.example-weather-mcp';

/** Pasting a server.json into the register page's import dialog: preview, then register. */
describeInBrowser('importing an MCP Registry server.json in the console', () => {
  const fleet = useConsole();

  async function openDialog(page: Page): Promise<Locator> {
    await login(page);
    await page.goto('/servers/new');
    await page.getByRole('button', { name: 'Import mcpServers or server.json' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'mcpServers or server.json' }).waitFor();
    return dialog;
  }

  async function paste(dialog: Locator, document: unknown): Promise<void> {
    await dialog.getByRole('textbox', { name: 'mcpServers or server.json' }).fill(JSON.stringify(document, null, 2));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  }

  it('shows what a server.json registers, with the secret to fill in, and registers it', async () => {
    const page = fleet.page;
    const dialog = await openDialog(page);
    await paste(dialog, WEATHER_SERVER_JSON);

    const review = dialog.getByRole('region', { name: 'Server to register' });
    await waitForText(review.locator('.mf-registry-name'), NAME);
    expect(await textOf(review.locator('.mf-registry-target'))).toBe('uvx weather-mcp-server==0.5.0');
    expect(await textOf(review)).toMatch(/Env\s*WEATHER_UNITS\s*celsius/);
    const toFill = review.getByRole('note');
    expect(await textOf(toFill)).toContain('registered disabled');
    expect(await textOf(toFill)).toMatch(/config\.env\.WEATHER_API_KEY\s*\(secret\)\s*\(required\)\s*— API key for weather service/);
    // Nothing is registered by looking.
    expect((await fleet.api.get<ListPage<McpServer>>('/api/mcp/servers')).body.total).toBe(0);
    await expectNoSeriousA11yViolations(page, 'registry import preview');

    await dialog.getByRole('button', { name: `Register ${NAME}` }).click();
    await dialog.getByRole('link', { name: `open ${NAME}` }).waitFor();

    const [server] = (await fleet.api.get<ListPage<McpServer>>('/api/mcp/servers')).body.items;
    expect(server).toMatchObject({
      name: NAME,
      enabled: false,
      transport: 'stdio',
      config: { command: 'uvx', args: ['weather-mcp-server==0.5.0'], env: { WEATHER_UNITS: 'celsius' } },
    });
    await dialog.getByRole('link', { name: `open ${NAME}` }).click();
    await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
  }, 120_000);

  it('names the path of what is wrong in a server.json it cannot import', async () => {
    const page = fleet.page;
    const dialog = await openDialog(page);
    await paste(dialog, { ...WEATHER_SERVER_JSON, packages: [{ ...WEATHER_SERVER_JSON.packages[0], registryType: 'cargo' }] });

    const problems = dialog.getByRole('alert');
    await waitForText(problems, 'packages[0].registryType');
    expect(await textOf(problems)).toContain('cannot be imported; supported: npm, pypi, oci');
    expect(await dialog.getByRole('region', { name: 'Server to register' }).count()).toBe(0);
  }, 120_000);
});
