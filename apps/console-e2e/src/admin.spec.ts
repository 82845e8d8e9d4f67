import type { Page } from 'playwright-core';

import { type AuditPage, PERMISSIONS } from '@mcp-fleet/shared/contracts';

import { ADMIN, describeInBrowser, login, useConsole } from './support/console-under-test';
import { checkPage } from './support/page-checks';
import { openedDialog, textOf, waitForText } from './support/ui';

const TOKEN_NAME = 'ci-deploy';
const OPERATOR = { email: 'operator@example.com', displayName: 'Olive Operator', password: 'operator-password-1' };

describeInBrowser('administration: API tokens, users and the audit log', () => {
  const fleet = useConsole();

  const tokenRow = (page: Page) => page.getByRole('row').filter({ hasText: TOKEN_NAME });

  it('creates an API token that works over REST, then revokes it and REST refuses it', async () => {
    const page = fleet.page;
    await login(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();

    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = await openedDialog(page.getByRole('dialog'));
    await dialog.getByLabel('Name', { exact: true }).fill(TOKEN_NAME);
    for (const permission of PERMISSIONS) {
      await dialog.getByRole('checkbox', { name: permission }).setChecked(permission === 'mcp:view_servers');
    }
    await dialog.getByLabel('Expires', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const shown = dialog.getByLabel('New token', { exact: true });
    await shown.waitFor();
    expect(await shown.getAttribute('readonly')).not.toBeNull();
    await dialog.getByRole('button', { name: 'Copy' }).waitFor();
    const token = await shown.inputValue();
    expect(token.length).toBeGreaterThan(20);

    // The token grants what was ticked, and nothing more.
    expect((await fleet.api.as(token).get('/api/mcp/servers')).status).toBe(200);
    expect((await fleet.api.as(token).get('/api/mcp/events')).status).toBe(403);

    // The token is shown once: the dialog stays until the admin says they are done with it.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tokenRow(page).waitFor();
    await checkPage(page, 'api-tokens');

    await page.getByRole('button', { name: `Revoke ${TOKEN_NAME}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
    await waitForText(tokenRow(page), 'Revoked');
    expect((await fleet.api.as(token).get('/api/mcp/servers')).status).toBe(401);
  }, 120_000);

  it('creates an operator, who can sign in and sees no admin pages', async () => {
    const page = fleet.page;
    await login(page);
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('row').filter({ hasText: ADMIN.email }).waitFor();

    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = await openedDialog(page.getByRole('dialog'));
    await dialog.getByLabel('Email', { exact: true }).fill(OPERATOR.email);
    await dialog.getByLabel('Display name', { exact: true }).fill(OPERATOR.displayName);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: /^\s*operator\b/i }).click();
    await dialog.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: OPERATOR.email }).waitFor();
    await checkPage(page, 'users');

    // The operator exists for real: a separate browser signs in with the new password.
    const context = await fleet.newContext();
    const operatorPage = await context.newPage();
    await login(operatorPage, OPERATOR);
    const nav = operatorPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Servers', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'API tokens', exact: true }).count()).toBe(0);
  }, 120_000);

  it('lists what the admin did in the audit log, with filters', async () => {
    const page = fleet.page;
    const audit = await fleet.api.get<AuditPage>('/api/mcp/audit?limit=100');
    const tokenCreated = audit.body.items.find((entry) => entry.action.includes('api_token') && entry.action.endsWith('create'));
    expect(tokenCreated).toBeDefined();

    await login(page);
    await page.goto('/admin/audit');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    for (const label of ['Actor', 'Action', 'Result']) {
      await page.getByLabel(label, { exact: true }).first().waitFor();
    }
    await waitForText(page.getByRole('main'), tokenCreated?.action ?? 'auth.api_token.create');
    expect(await textOf(page.getByRole('main'))).toContain(ADMIN.email);
    await checkPage(page, 'audit-log');
  }, 120_000);
});
