import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer } from '@mcp-fleet/shared/contracts';

describe('PATCH /api/mcp/servers/:id', () => {
  const api = useApi();
  const create = async (name: string) =>
    (await api.post<McpServer>('/api/mcp/servers', { name, transport: 'stdio', config: { command: 'node', args: ['a.js'] } })).body;

  it('updates the given fields, merges config and bumps the version', async () => {
    const server = await create('editable');

    const response = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, {
      version: 1,
      description: 'now documented',
      tags: ['prod'],
      config: { args: ['b.js'], requestTimeoutMs: 1000 },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      description: 'now documented',
      tags: ['prod'],
      version: 2,
      config: { command: 'node', args: ['b.js'], requestTimeoutMs: 1000 },
    });
    expect((await api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body).toEqual({
      ...response.body,
      owner: null,
      pendingRestart: false,
      pendingPaths: [],
    });
  });

  it('answers 409 VERSION_CONFLICT for a stale version, and keeps the newer data', async () => {
    const server = await create('contested');
    await api.patch(`/api/mcp/servers/${server.id}`, { version: 1, description: 'winner' });

    const response = await api.patch<ApiError>(`/api/mcp/servers/${server.id}`, { version: 1, description: 'loser' });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect((await api.get<McpServer>(`/api/mcp/servers/${server.id}`)).body.description).toBe('winner');
  });

  it('switches a server to a remote transport', async () => {
    const server = await create('moving');

    const response = await api.patch<McpServer>(`/api/mcp/servers/${server.id}`, {
      version: 1,
      transport: 'streamable-http',
      config: { url: 'https://moved.example.com/mcp' },
    });

    expect(response.status).toBe(200);
    expect(response.body.config).toEqual(expect.objectContaining({ url: 'https://moved.example.com/mcp' }));
    expect(response.body.config.command).toBeUndefined();
  });

  it('answers 400 VALIDATION_FAILED when the result would break the transport rules', async () => {
    const server = await create('strict');

    const response = await api.patch<ApiError>(`/api/mcp/servers/${server.id}`, { version: 1, config: { command: null } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'config.command' }] });
  });

  it('answers 400 VALIDATION_FAILED without a version', async () => {
    const server = await create('unversioned');

    const response = await api.patch<ApiError>(`/api/mcp/servers/${server.id}`, { description: 'x' });

    expect(response.status).toBe(400);
    expect((response.body.details as { field: string }[]).map((d) => d.field)).toEqual(['version']);
  });

  it('answers 409 SERVER_NAME_TAKEN when renaming onto another server', async () => {
    await create('taken');
    const server = await create('renamer');

    const response = await api.patch<ApiError>(`/api/mcp/servers/${server.id}`, { version: 1, name: 'TAKEN' });

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('SERVER_NAME_TAKEN');
  });

  it('answers 404 SERVER_NOT_FOUND and 400 INVALID_ID', async () => {
    const missing = await api.patch<ApiError>('/api/mcp/servers/6f1c1a4e-1b8e-4c59-9d7a-3d2f5e6a7b8c', { version: 1 });
    const malformed = await api.patch<ApiError>('/api/mcp/servers/nope', { version: 1 });

    expect([missing.status, missing.body.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    expect([malformed.status, malformed.body.code]).toEqual([400, 'INVALID_ID']);
  });
});
