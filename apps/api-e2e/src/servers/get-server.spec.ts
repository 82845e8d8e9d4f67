import { fixture, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer, McpServerDetail, SystemInfo } from '@mcp-fleet/shared/contracts';

describe('GET /api/mcp/servers/:id', () => {
  const api = useApi();

  it('returns the server, and no owner while no replica runs it', async () => {
    const created = await api.post<McpServer>('/api/mcp/servers', { name: 'one', transport: 'stdio', config: { command: 'node' } });

    const response = await api.get<McpServerDetail>(`/api/mcp/servers/${created.body.id}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...created.body, owner: null, pendingRestart: false, pendingPaths: [] });
  });

  it('names the replica that runs a started server', async () => {
    const created = await api.post<McpServer>('/api/mcp/servers', {
      name: 'owned',
      transport: 'stdio',
      config: { command: process.execPath, args: [fixture('v2-server.mjs')] },
    });
    expect((await api.post(`/api/mcp/servers/${created.body.id}/start`)).status).toBe(200);
    const instanceId = (await api.get<SystemInfo>('/api/system-info')).body.instanceId;

    expect((await api.get<McpServerDetail>(`/api/mcp/servers/${created.body.id}`)).body.owner).toBe(instanceId);
    await api.post(`/api/mcp/servers/${created.body.id}/stop`);
    expect((await api.get<McpServerDetail>(`/api/mcp/servers/${created.body.id}`)).body.owner).toBeNull();
  });

  it('answers 404 SERVER_NOT_FOUND for an unknown id', async () => {
    const response = await api.get<ApiError>('/api/mcp/servers/6f1c1a4e-1b8e-4c59-9d7a-3d2f5e6a7b8c');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'SERVER_NOT_FOUND', details: { serverId: '6f1c1a4e-1b8e-4c59-9d7a-3d2f5e6a7b8c' } });
  });

  it.each(['42', 'not-a-uuid', "1' OR '1'='1", '6f1c1a4e-1b8e-4c59-9d7a-3d2f5e6a7b8'])(
    'answers 400 INVALID_ID for the malformed id %p',
    async (id) => {
      const response = await api.get<ApiError>(`/api/mcp/servers/${encodeURIComponent(id)}`);

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_ID');
    },
  );
});
