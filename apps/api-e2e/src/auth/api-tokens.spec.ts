import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, ApiToken, CreateApiTokenResponse } from '@mcp-fleet/shared/contracts';

describe('API tokens for services', () => {
  const api = useApi();
  const create = (body: Record<string, unknown>) => api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', body);

  it('is shown once, stored hashed, and carries only its permissions', async () => {
    const created = await create({ name: 'dashboard', permissions: ['mcp:view_servers'] });
    const token = created.body.token;

    const list = await api.get<ApiToken[]>('/api/mcp/api-tokens');
    const read = await api.as(token).get('/api/mcp/servers');
    const write = await api.as(token).post<ApiError>('/api/mcp/servers', { name: 'x', transport: 'stdio', config: { command: 'node' } });
    const [stored] = await api.sql<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.apiToken.id]);

    expect(created.status).toBe(201);
    expect(token).toMatch(/^mcpf_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(read.status).toBe(200);
    expect([write.status, write.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('records when a token was last used', async () => {
    const created = await create({ name: 'poller', permissions: ['mcp:view_servers'] });
    await api.as(created.body.token).get('/api/mcp/servers');

    const list = await api.get<ApiToken[]>('/api/mcp/api-tokens');

    expect(list.body.find((t) => t.id === created.body.apiToken.id)?.lastUsedAt).not.toBeNull();
  });

  it('stops working once revoked', async () => {
    const created = await create({ name: 'short-lived', permissions: ['mcp:view_servers'] });
    expect((await api.as(created.body.token).get('/api/mcp/servers')).status).toBe(200);

    const revoked = await api.delete<ApiToken>(`/api/mcp/api-tokens/${created.body.apiToken.id}`);

    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await api.as(created.body.token).get('/api/mcp/servers')).status).toBe(401);
  });

  it('stops working once expired', async () => {
    const created = await create({
      name: 'expiring',
      permissions: ['mcp:view_servers'],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await api.sql(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.apiToken.id]);

    expect((await api.as(created.body.token).get('/api/mcp/servers')).status).toBe(401);
  });

  it.each([
    ['an unknown permission', { name: 'x', permissions: ['mcp:everything'] }, 'VALIDATION_FAILED'],
    ['no permission at all', { name: 'x', permissions: [] }, 'VALIDATION_FAILED'],
    ['an expiry in the past', { name: 'x', permissions: ['mcp:view_servers'], expiresAt: '2020-01-01T00:00:00Z' }, 'VALIDATION_FAILED'],
    [
      'an ISO week date JavaScript cannot read',
      { name: 'x', permissions: ['mcp:view_servers'], expiresAt: '2030-W01-1' },
      'VALIDATION_FAILED',
    ],
    ['a basic-format date', { name: 'x', permissions: ['mcp:view_servers'], expiresAt: '20300101' }, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_, body, code) => {
    const response = await api.post<ApiError>('/api/mcp/api-tokens', body);

    expect([response.status, response.body.code]).toEqual([400, code]);
  });

  it('cannot be created by a token without mcp:admin', async () => {
    const created = await create({ name: 'limited', permissions: ['mcp:view_servers', 'mcp:view_events'] });

    const escalate = await api.as(created.body.token).post<ApiError>('/api/mcp/api-tokens', { name: 'root', permissions: ['mcp:admin'] });

    expect([escalate.status, escalate.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('answers API_TOKEN_NOT_FOUND for an unknown id', async () => {
    const response = await api.delete<ApiError>('/api/mcp/api-tokens/00000000-0000-4000-8000-000000000000');

    expect([response.status, response.body.code]).toEqual([404, 'API_TOKEN_NOT_FOUND']);
  });
});
