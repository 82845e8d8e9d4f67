import type { ApiInstanceInfo, CommandResult, McpServer, UndoOperationResponse } from '@mcp-fleet/shared/contracts';

import { fixture } from '../support/mcp-runtime';
import { addressesKnown, useRestartableApi } from '../support/restartable-api';

/** An undo sent to a replica that does not run the server is carried out by the one that does. */
describe('undo through a replica that does not run the server', () => {
  const fleet = useRestartableApi();

  it('stops the server on its owner and answers with the per-server result', async () => {
    const [a, b] = [await fleet.boot(), await fleet.boot()];
    await addressesKnown([a, b]);
    const server = (
      await a.post<McpServer>('/api/mcp/servers', {
        name: 'undo-forwarded',
        transport: 'stdio',
        config: { command: process.execPath, args: [fixture('v2-server.mjs')] },
      })
    ).body;
    const started = await a.post<CommandResult>(`/api/mcp/servers/${server.id}/start`);
    expect(started.body).toMatchObject({ success: true, state: 'running' });
    const [lease] = await fleet.sql<{ owner: string }>(`SELECT owner FROM server_leases WHERE server_id = $1`, [server.id]);
    const selfOfA = (await a.get<ApiInstanceInfo[]>('/api/mcp/instances')).body.find((instance) => instance.self);
    const other = lease?.owner === selfOfA?.instanceId ? b : a;

    const undone = await other.post<UndoOperationResponse>(`/api/mcp/operations/${started.body.operationId}/undo`);

    expect(undone.status).toBe(200);
    expect(undone.body.results).toEqual([expect.objectContaining({ serverId: server.id, success: true, state: 'stopped' })]);
    expect((await other.get<McpServer>(`/api/mcp/servers/${server.id}`)).body).toMatchObject({ state: 'stopped', desiredState: 'stopped' });
  }, 120_000);
});
