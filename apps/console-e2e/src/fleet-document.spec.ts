import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { REPO_ROOT } from '@mcp-fleet/api/shared/testing';
import type { FleetDocument, McpServer, Page as ListPage } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkDialog, checkPage, expectNoSeriousA11yViolations } from './support/page-checks';
import { textOf, waitForText } from './support/ui';

/** Our own small stdio MCP server; these tests never start it, they only register it. */
const MEDIA_SERVER = join(REPO_ROOT, 'apps/console-e2e/src/fixtures/media-server.mjs');

/**
 * The fleet as a document in the servers list: Export downloads it (YAML or JSON); Apply takes an
 * uploaded or pasted document, shows the API's plan per server (create, update with the changed
 * paths, delete only with prune, unchanged, refused items with their path) and applies it, with a
 * result per server. A document the API refuses whole shows each problem with its path.
 */
describeInBrowser('the fleet as a document: export, plan and apply in the servers list', () => {
  const fleet = useConsole();

  async function register(name: string, description: string): Promise<McpServer> {
    const response = await fleet.api.post<McpServer>('/api/mcp/servers', {
      name,
      description,
      transport: 'stdio',
      config: { command: process.execPath, args: [MEDIA_SERVER] },
    });
    if (response.status !== 201) {
      throw new Error(`Registering ${name} failed with ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async function byName(name: string): Promise<McpServer | undefined> {
    const list = await fleet.api.get<ListPage<McpServer>>(`/api/mcp/servers?search=${encodeURIComponent(name)}`);
    return list.body.items.find((server) => server.name === name);
  }

  async function openList(page: Page): Promise<void> {
    await login(page);
    await page.goto('/servers');
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
    await page.getByRole('link', { name: 'doc-alpha', exact: true }).waitFor();
  }

  async function exported(page: Page, format: 'YAML' | 'JSON'): Promise<{ name: string; text: string }> {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: new RegExp(`^${format}`) }).click(),
    ]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  }

  const planItem = (dialog: Locator, name: string): Locator => dialog.locator(`[data-plan-item="${name}"]`);
  const resultItem = (dialog: Locator, name: string): Locator => dialog.locator(`[data-result-item="${name}"]`);

  beforeAll(async () => {
    await register('doc-alpha', 'first');
  });

  it('downloads the fleet as YAML and as JSON, secrets left out', async () => {
    const page = fleet.page;
    await openList(page);

    const yaml = await exported(page, 'YAML');
    expect(yaml.name).toBe('fleet.yaml');
    expect(yaml.text).toContain('apiVersion: mcp-fleet/v1');
    expect(yaml.text).toContain('kind: Fleet');
    expect(yaml.text).toContain('name: doc-alpha');
    expect(yaml.text).toContain('description: first');
    await waitForText(page.locator('mat-snack-bar-container'), 'Exported fleet.yaml.');

    const json = await exported(page, 'JSON');
    expect(json.name).toBe('fleet.json');
    const document = JSON.parse(json.text) as FleetDocument;
    expect(document.kind).toBe('Fleet');
    expect(document.servers.map((server) => [server.name, server.description])).toEqual([['doc-alpha', 'first']]);
  }, 120_000);

  it('plans an edited document per server, with prune only when asked, and applies it', async () => {
    const page = fleet.page;
    await openList(page);
    const { text } = await exported(page, 'YAML');
    // Registered after the export: the document does not name it, so only a prune deletes it.
    await register('doc-bravo', 'not in the document');
    const edited = [
      text.replace('description: first', 'description: edited').trimEnd(),
      '  - name: doc-charlie',
      '    transport: stdio',
      '    config:',
      `      command: ${JSON.stringify(process.execPath)}`,
      `      args: [${JSON.stringify(MEDIA_SERVER)}]`,
      // A reference to a secret that is not stored: this item alone is refused.
      '  - name: doc-delta',
      '    transport: stdio',
      '    config:',
      `      command: ${JSON.stringify(process.execPath)}`,
      '      env:',
      '        TOKEN: { secret: true }',
      '',
    ].join('\n');

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await waitForText(dialog, 'Apply a fleet document');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'fleet.yaml', mimeType: 'application/yaml', buffer: Buffer.from(edited) });
    await waitForText(dialog, 'fleet.yaml');
    expect(await dialog.getByLabel('Fleet document', { exact: true }).inputValue()).toBe(edited);
    await dialog.getByRole('button', { name: 'Plan', exact: true }).click();

    await waitForText(dialog.getByRole('status'), 'Plan: 1 create · 1 update · 1 refused');
    expect(await planItem(dialog, 'doc-alpha').getAttribute('data-action')).toBe('update');
    expect(await textOf(dialog.getByLabel('Changed paths of doc-alpha'))).toBe('description');
    expect(await planItem(dialog, 'doc-charlie').getAttribute('data-action')).toBe('create');
    expect(await planItem(dialog, 'doc-delta').getAttribute('data-action')).toBe('create');
    expect(await textOf(planItem(dialog, 'doc-delta'))).toMatch(/Refused at servers\[\d+\]\.config\.env\.TOKEN: .+ VALIDATION_FAILED/);
    // Without prune the server the document leaves out is not touched, and not listed.
    expect(await planItem(dialog, 'doc-bravo').count()).toBe(0);
    // Nothing is written by a plan.
    expect((await byName('doc-alpha'))?.description).toBe('first');

    await dialog.getByRole('button', { name: 'Back', exact: true }).click();
    await dialog.getByRole('checkbox', { name: /^Prune/ }).check();
    await dialog.getByRole('button', { name: 'Plan', exact: true }).click();
    await waitForText(dialog.getByRole('status'), 'Plan with prune: 1 create · 1 update · 1 delete · 1 refused');
    expect(await planItem(dialog, 'doc-bravo').getAttribute('data-action')).toBe('delete');
    await checkDialog(page, 'fleet-apply-plan');

    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await waitForText(dialog.getByRole('status'), 'Applied: 3 applied, 1 failed');
    expect(await resultItem(dialog, 'doc-alpha').getAttribute('data-success')).toBe('true');
    expect(await textOf(resultItem(dialog, 'doc-alpha'))).toContain('doc-alpha updated');
    expect(await resultItem(dialog, 'doc-charlie').getAttribute('data-success')).toBe('true');
    expect(await resultItem(dialog, 'doc-bravo').getAttribute('data-success')).toBe('true');
    expect(await resultItem(dialog, 'doc-delta').getAttribute('data-success')).toBe('false');
    expect(await textOf(resultItem(dialog, 'doc-delta'))).toContain('VALIDATION_FAILED');
    await checkDialog(page, 'fleet-apply-results');

    expect((await byName('doc-alpha'))?.description).toBe('edited');
    expect(await byName('doc-charlie')).toBeDefined();
    expect(await byName('doc-bravo')).toBeUndefined();
    expect(await byName('doc-delta')).toBeUndefined();

    // The list follows what was applied.
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('link', { name: 'doc-charlie', exact: true }).waitFor();
    await page.getByRole('link', { name: 'doc-bravo', exact: true }).waitFor({ state: 'detached' });
    await checkPage(page, 'servers-after-apply');
  }, 180_000);

  it('shows each problem of a refused document with its path, and writes nothing', async () => {
    const page = fleet.page;
    await openList(page);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Fleet document', { exact: true })
      .fill(
        [
          'apiVersion: mcp-fleet/v0',
          'kind: Fleet',
          'servers:',
          '  - name: doc-echo',
          '    transport: stdio',
          '    config:',
          '      url: 42',
          '',
        ].join('\n'),
      );
    await dialog.getByRole('button', { name: 'Plan', exact: true }).click();

    const alert = dialog.getByRole('alert');
    await waitForText(alert, 'The document was refused; nothing was written.');
    const problems = await textOf(alert);
    expect(problems).toContain('Document at apiVersion: apiVersion must be mcp-fleet/v1');
    expect(problems).toContain('doc-echo at servers[0].config.url: url is not allowed for the stdio transport');
    // Still editable: the text stays, and Plan is there to try again.
    expect(await dialog.getByRole('button', { name: 'Plan', exact: true }).isEnabled()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'refused fleet document');
    expect(await byName('doc-echo')).toBeUndefined();
  }, 120_000);
});
