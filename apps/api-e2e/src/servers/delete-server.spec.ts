import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer } from '@mcp-fleet/shared/contracts';

describe('DELETE /api/mcp/servers/:id', () => {
  const api = useApi();
  const create = async (name: string) =>
    (await api.post<McpServer>('/api/mcp/servers', { name, transport: 'stdio', config: { command: 'node' } })).body;

  it('removes a stopped server: 204, then 404', async () => {
    const server = await create('temporary');

    const first = await api.delete(`/api/mcp/servers/${server.id}`);
    const after = await api.get<ApiError>(`/api/mcp/servers/${server.id}`);
    const again = await api.delete<ApiError>(`/api/mcp/servers/${server.id}`);

    expect(first.status).toBe(204);
    expect(first.body).toBe('');
    expect([after.status, after.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    expect([again.status, again.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
  });

  it('answers 409 SERVER_NOT_STOPPED while the server runs, and keeps it', async () => {
    const server = await create('busy');
    // The lifecycle engine (a later issue) owns the state; set it as it would.
    await api.sql(`UPDATE mcp_servers SET state = 'running', status = 'running' WHERE id = $1`, [server.id]);

    const response = await api.delete<ApiError>(`/api/mcp/servers/${server.id}`);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'SERVER_NOT_STOPPED', details: { state: 'running' } });
    expect((await api.get(`/api/mcp/servers/${server.id}`)).status).toBe(200);
  });

  it('answers 400 INVALID_ID for a malformed id', async () => {
    const response = await api.delete<ApiError>('/api/mcp/servers/123');

    expect([response.status, response.body.code]).toEqual([400, 'INVALID_ID']);
  });
});
