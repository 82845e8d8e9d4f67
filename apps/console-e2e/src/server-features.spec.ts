import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { Page } from 'playwright-core';

import { eventually, REPO_ROOT, SERVER_EVERYTHING } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { textOf, waitForText } from './support/ui';

const NAME = 'everything-features';
/** Our own stdio fixture: an image, a binary and a JSON resource, and a tool that logs over MCP. */
const MEDIA = 'media-fixture';
const MEDIA_SERVER = join(REPO_ROOT, 'apps/console-e2e/src/fixtures/media-server.mjs');
/** A static text resource server-everything lists, and the first line of its text. */
const DOC = 'architecture.md';
const DOC_URI = `demo://resource/static/document/${DOC}`;
const DOC_FIRST_LINE = readFileSync(join(dirname(SERVER_EVERYTHING), 'docs', DOC), 'utf-8')
  .split('\n')
  .find((line) => line.trim() !== '')
  ?.trim();

/**
 * Everything a server offers beyond tools, against a running server-everything: resources read
 * and previewed, resource templates expanded (with completion), a prompt got with an argument,
 * log lines with their stream, and the protocol setting saved from the form.
 */
describeInBrowser('resources, templates, prompts and the protocol of a server', () => {
  const fleet = useConsole();
  let server: McpServer | undefined;

  let media: McpServer | undefined;

  const serverId = (): string => {
    if (!server) {
      throw new Error('The server was not registered (see beforeAll)');
    }
    return server.id;
  };
  const mediaId = (): string => {
    if (!media) {
      throw new Error('The media fixture was not registered (see beforeAll)');
    }
    return media.id;
  };

  async function openTab(page: Page, tab: string, id = serverId(), name = NAME): Promise<void> {
    await login(page);
    await page.goto(`/servers/${id}?tab=${tab.toLowerCase()}`);
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await page.getByRole('tab', { name: tab, selected: true }).waitFor();
  }

  async function registerAndStart(name: string, args: string[]): Promise<McpServer> {
    const registered = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name,
      transport: 'stdio',
      config: { command: process.execPath, args },
    });
    if (registered.status !== 201) {
      throw new Error(`Registering ${name} failed with ${registered.status}: ${JSON.stringify(registered.body)}`);
    }
    const id = registered.body.id;
    const started = await fleet.api.post(`/api/mcp/servers/${id}/start`);
    expect(started.status).toBeLessThan(300);
    await eventually(async () => (await fleet.api.get<McpServer>(`/api/mcp/servers/${id}`)).body.state === 'running', `${name} to run`, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    return registered.body;
  }

  beforeAll(async () => {
    server = await registerAndStart(NAME, [SERVER_EVERYTHING, 'stdio']);
    media = await registerAndStart(MEDIA, [MEDIA_SERVER]);
  }, 120_000);

  it('reads a text resource and shows its text', async () => {
    expect(DOC_FIRST_LINE).toBeTruthy();
    const page = fleet.page;
    await openTab(page, 'Resources');
    await page.getByRole('button', { name: `Read ${DOC}`, exact: true }).click();

    const contents = page.getByRole('region', { name: `Contents of ${DOC_URI}` });
    await waitForText(contents, DOC_FIRST_LINE ?? '');
    expect(await textOf(contents)).toMatch(/text\/markdown · \d+(\.\d)? (bytes|KB)/);
    await checkPage(page, 'server-resources');
  }, 120_000);

  it('lists the resource templates and reads an expanded text template', async () => {
    const page = fleet.page;
    await openTab(page, 'Resources');
    await page.getByRole('heading', { name: /Resource templates/ }).waitFor();
    await page.getByRole('button', { name: 'Use Dynamic Text Resource', exact: true }).click();

    await page.getByRole('combobox', { name: 'resourceId', exact: true }).fill('7');
    await waitForText(page.getByTestId('expanded-uri'), 'demo://resource/dynamic/text/7');
    await page.getByRole('button', { name: 'Read resource', exact: true }).click();

    const contents = page.getByRole('region', { name: 'Contents of demo://resource/dynamic/text/7' });
    await waitForText(contents, 'Resource 7: This is a plaintext resource created at');
    await checkPage(page, 'server-resource-template');
  }, 120_000);

  it('suggests template values from the server and reads a binary (blob) resource', async () => {
    const page = fleet.page;
    await openTab(page, 'Resources');
    await page.getByRole('button', { name: 'Use Dynamic Blob Resource', exact: true }).click();

    const field = page.getByRole('combobox', { name: 'resourceId', exact: true });
    await field.click();
    await field.pressSequentially('3');
    // server-everything completes a whole number to itself (completion/complete, through the API).
    await page.getByRole('option', { name: '3', exact: true }).click();
    await waitForText(page.getByTestId('expanded-uri'), 'demo://resource/dynamic/blob/3');
    await page.getByRole('button', { name: 'Read resource', exact: true }).click();

    const contents = page.getByRole('region', { name: 'Contents of demo://resource/dynamic/blob/3' });
    // A text/plain blob: decoded and shown as text, and said to be binary on the wire.
    await waitForText(contents, 'Resource 3: This is a base64 blob created at');
    await waitForText(contents, 'Sent as binary (base64), shown as UTF-8 text.');
    expect(await textOf(contents)).toMatch(/text\/plain · \d+ bytes/);
  }, 120_000);

  it('shows the API error of a failed read with its code', async () => {
    const page = fleet.page;
    await openTab(page, 'Resources');
    await page.getByRole('button', { name: 'Use Dynamic Text Resource', exact: true }).click();
    // server-everything refuses an id that is not a positive whole number.
    await page.getByRole('combobox', { name: 'resourceId', exact: true }).fill('x');
    await page.getByRole('button', { name: 'Read resource', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: /\([A-Z_]+\)/ });
    await alert.first().waitFor();
    expect(await textOf(alert.first())).toMatch(/\([A-Z][A-Z_]+\)/);
  }, 120_000);

  it('previews an image resource as an image, other binary by its size and type, JSON pretty-printed', async () => {
    const page = fleet.page;
    await openTab(page, 'Resources', mediaId(), MEDIA);

    await page.getByRole('button', { name: 'Read image.png', exact: true }).click();
    const image = page
      .getByRole('region', { name: 'Contents of fixture://image.png' })
      .getByRole('img', { name: 'Image resource fixture://image.png (image/png)' });
    await image.waitFor();
    await eventually(async () => (await image.evaluate((img: HTMLImageElement) => img.naturalWidth)) === 16, 'the PNG to decode');
    await checkPage(page, 'server-resource-image');

    await page.getByRole('button', { name: 'Read data.bin', exact: true }).click();
    const binary = page.getByRole('region', { name: 'Contents of fixture://data.bin' });
    await waitForText(binary, 'Binary content: 256 bytes, application/octet-stream. Not shown.');
    expect(await binary.locator('pre, img').count()).toBe(0);

    await page.getByRole('button', { name: 'Read config.json', exact: true }).click();
    const json = page.getByRole('region', { name: 'Contents of fixture://config.json' }).locator('pre');
    await json.waitFor();
    expect(await json.textContent()).toBe('{\n  "name": "media",\n  "levels": [\n    "warning",\n    "error"\n  ]\n}');
  }, 120_000);

  it('marks MCP log messages by level and filters by minimum level', async () => {
    const called = await fleet.api.post(`/api/mcp/servers/${mediaId()}/tools/log/call`, { arguments: {} });
    expect(called.status).toBe(200);
    const page = fleet.page;
    await openTab(page, 'Logs', mediaId(), MEDIA);
    const log = page.getByRole('log');
    const line = (text: string) => log.locator('.mf-log-line').filter({ hasText: text });
    await line('database unreachable').waitFor();
    expect(await line('database unreachable').getAttribute('data-tone')).toBe('error');
    expect(await textOf(line('database unreachable').locator('.mf-log-tag'))).toBe('mcp error');
    expect(await line('disk almost full').getAttribute('data-tone')).toBe('warning');
    await checkPage(page, 'server-log-levels');

    await page.getByRole('combobox', { name: 'Min. level' }).click();
    await page.getByRole('option', { name: 'error', exact: true }).click();
    await line('disk almost full').waitFor({ state: 'detached' });
    await line('database unreachable').waitFor();
    // Lines without a level (stderr) are not hidden by a level.
    await line('media-server ready').waitFor();
  }, 120_000);

  it('gets a prompt with an argument and shows its messages by role', async () => {
    const page = fleet.page;
    await openTab(page, 'Prompts');
    await page.getByRole('button', { name: 'Get args-prompt', exact: true }).click();

    // The required argument is marked and checked before anything is sent.
    const city = page.getByRole('combobox', { name: 'city', exact: true });
    expect(await city.getAttribute('required')).not.toBeNull();
    await page.getByRole('button', { name: 'Get prompt', exact: true }).click();
    await page.getByText('city is required').waitFor();

    await city.fill('Paris');
    await page.getByRole('combobox', { name: 'state', exact: true }).fill('Texas');
    await page.getByRole('button', { name: 'Get prompt', exact: true }).click();

    const messages = page.getByRole('region', { name: 'Prompt messages' });
    await waitForText(messages, "What's weather in Paris, Texas?");
    expect(await textOf(messages.locator('.mf-message').first())).toMatch(/^user/i);
    await checkPage(page, 'server-prompts');
  }, 120_000);

  it('shows the stream of each log line and filters by stream', async () => {
    const page = fleet.page;
    await openTab(page, 'Logs');
    const log = page.getByRole('log');
    await waitForText(log, 'Starting default (STDIO) server');
    await waitForText(log.locator('.mf-log-tag').first(), /stderr|stdout|mcp/);

    await page.getByRole('combobox', { name: 'Streams' }).click();
    await page.getByRole('option', { name: 'stdout', exact: true }).click();
    await page.keyboard.press('Escape');
    // server-everything writes to stderr only: nothing of it is left under stdout.
    await waitForText(page.getByRole('status').filter({ hasText: 'Showing' }), /Showing 0 of [\d,]+ lines?\b/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForText(log, 'Starting default (STDIO) server');
    await checkPage(page, 'server-log-streams');
  }, 120_000);

  it('sets the protocol in the form, saves it and shows it on the overview', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${serverId()}/edit`);
    await page.getByRole('heading', { level: 1, name: `Edit ${NAME}` }).waitFor();
    await page.getByRole('button', { name: /Advanced/ }).click();

    const protocol = page.getByRole('combobox', { name: 'Protocol' });
    expect(await textOf(protocol)).toContain('Auto');
    await protocol.click();
    await page.getByRole('option', { name: 'Legacy', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();

    const saved = await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`);
    expect(saved.body.config.protocol).toBe('legacy');
    await page.getByRole('tab', { name: 'Overview' }).click();
    const config = page.getByRole('region', { name: 'Configuration' });
    await waitForText(config, /Protocol\s*Legacy/);

    // Back to auto: sent as null, and the server reads as auto again.
    await page.goto(`/servers/${serverId()}/edit`);
    await page.getByRole('heading', { level: 1, name: `Edit ${NAME}` }).waitFor();
    await page.getByRole('button', { name: /Advanced/ }).click();
    await page.getByRole('combobox', { name: 'Protocol' }).click();
    await page.getByRole('option', { name: 'Auto', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
    const reset = await fleet.api.get<McpServer>(`/api/mcp/servers/${serverId()}`);
    expect(reset.body.config.protocol ?? 'auto').toBe('auto');
  }, 120_000);
});
