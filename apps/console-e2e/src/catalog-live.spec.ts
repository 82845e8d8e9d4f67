import { fixture } from '@mcp-fleet/api/shared/testing';
import type { McpServer } from '@mcp-fleet/shared/contracts';

import { describeInBrowser, login, useConsole } from './support/console-under-test';
import { markDocument } from './support/ui';

/** A tool the server adds while it runs (tools/list_changed) appears on the Tools tab without a reload. */
describeInBrowser('the Tools tab follows a server that changes its tools', () => {
  const fleet = useConsole();

  it('shows a tool added at runtime', async () => {
    const server = (
      await fleet.api.post<McpServer>('/api/mcp/servers', {
        name: 'grows-tools',
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('v2-server.mjs')] },
      })
    ).body;
    expect((await fleet.api.post(`/api/mcp/servers/${server.id}/start`)).status).toBe(200);
    const page = fleet.page;
    await login(page);
    await page.goto(`/servers/${server.id}`);
    await page.getByRole('heading', { level: 1, name: 'grows-tools' }).waitFor();
    await page.getByRole('tab', { name: 'Tools' }).click();
    await page.getByText('add_tool', { exact: true }).first().waitFor();
    const document = await markDocument(page);

    const added = await fleet.api.post(`/api/mcp/servers/${server.id}/tools/add_tool/call`, { arguments: { name: 'fresh_tool' } });
    expect(added.status).toBe(200);

    await page.getByText('fresh_tool', { exact: true }).first().waitFor({ timeout: 30_000 });
    expect(await document.sameDocument()).toBe(true);
    await fleet.api.post(`/api/mcp/servers/${server.id}/stop`);
  }, 120_000);
});
