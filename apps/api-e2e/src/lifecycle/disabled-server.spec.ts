import { useApi } from '@mcp-fleet/api/shared/testing';
import type { BulkOperationResponse, McpServer } from '@mcp-fleet/shared/contracts';

import { command, commandOk, getServer, registerFixture, serverEvents, startedPid, usePidJanitor } from '../support/mcp-runtime';

/** "Disabled servers are never started": not by a command, a restart or a bulk operation. */
describe('a disabled server', () => {
  const api = useApi();
  const janitor = usePidJanitor();
  let server: McpServer;

  beforeAll(async () => {
    server = await registerFixture(api, 'switched-off', 'v2-server.mjs');
    const patched = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, { enabled: false, version: server.version });
    expect(patched.status).toBe(200);
  });

  it('is refused a start and a restart with 409 SERVER_DISABLED, and stays stopped', async () => {
    for (const which of ['start', 'restart'] as const) {
      const refused = await command(api, server.id, which);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'SERVER_DISABLED', details: { serverId: server.id } });
    }
    expect(await getServer(api, server.id)).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
    expect(await serverEvents(api, server.id, 'server.started')).toHaveLength(0);
  });

  it('is a failed item of a bulk start, with the same code', async () => {
    const bulk = await api.post<BulkOperationResponse>('/api/mcp/servers/bulk/start', { serverIds: [server.id] });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ total: 1, succeeded: 0, failed: 1 });
    expect(bulk.body.results[0]).toMatchObject({ serverId: server.id, success: false, code: 'SERVER_DISABLED' });
  });

  it('starts once enabled again', async () => {
    const current = await getServer(api, server.id);
    await api.patch(`/api/mcp/servers/${server.id}`, { enabled: true, version: current.version });
    const started = await commandOk(api, server.id, 'start');
    janitor.track(...(await serverEvents(api, server.id, 'server.started')).map(startedPid));
    expect(started).toMatchObject({ success: true, state: 'running' });
    await commandOk(api, server.id, 'stop');
  });
});
