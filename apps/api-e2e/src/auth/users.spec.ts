import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, McpServer, User } from '@mcp-fleet/shared/contracts';

describe('users, roles and the last admin', () => {
  const api = useApi();
  const createUser = (email: string, role: string, password = 'user-password-123') =>
    api.post<User>('/api/mcp/users', { email, role, password });

  it('creates users that sign in with the role they were given', async () => {
    const created = await createUser('viewer@example.com', 'viewer');
    const token = await api.login('viewer@example.com', 'user-password-123');

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'viewer@example.com', role: 'viewer', disabled: false });
    expect(created.body).not.toHaveProperty('password');
    expect((await api.as(token).get('/api/mcp/servers')).status).toBe(200);
    expect((await api.as(token).post('/api/mcp/servers', { name: 'x', transport: 'stdio', config: { command: 'node' } })).status).toBe(403);
  });

  it('lets an operator see servers but not register them (that is code execution)', async () => {
    await createUser('operator@example.com', 'operator');
    const token = await api.login('operator@example.com', 'user-password-123');

    const register = await api
      .as(token)
      .post<ApiError>('/api/mcp/servers', { name: 'op', transport: 'stdio', config: { command: 'node' } });
    const users = await api.as(token).get<ApiError>('/api/mcp/users');

    expect([register.status, register.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(users.status).toBe(403);
  });

  it.each([
    [
      'a duplicate email in another case',
      { email: 'VIEWER@example.com', role: 'viewer', password: 'user-password-123' },
      409,
      'EMAIL_TAKEN',
    ],
    ['a short password', { email: 'short@example.com', role: 'viewer', password: 'short' }, 400, 'VALIDATION_FAILED'],
    ['an unknown role', { email: 'root@example.com', role: 'root', password: 'user-password-123' }, 400, 'VALIDATION_FAILED'],
    ['an invalid email', { email: 'not-an-email', role: 'viewer', password: 'user-password-123' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_, body, status, code) => {
    if (code === 'EMAIL_TAKEN') {
      await createUser('viewer-dup@example.com', 'viewer');
      body.email = 'VIEWER-DUP@example.com';
    }
    const response = await api.post<ApiError>('/api/mcp/users', body);

    expect([response.status, response.body.code]).toEqual([status, code]);
  });

  it('disabling a user ends their access at once and their sign-in', async () => {
    const user = await createUser('leaver@example.com', 'operator');
    const token = await api.login('leaver@example.com', 'user-password-123');

    const disabled = await api.patch<User>(`/api/mcp/users/${user.body.id}`, { disabled: true });

    expect(disabled.body.disabled).toBe(true);
    expect((await api.as(token).get('/api/mcp/servers')).status).toBe(401);
    expect((await api.anonymous.post('/api/auth/login', { email: 'leaver@example.com', password: 'user-password-123' })).status).toBe(401);
  });

  it('never demotes or disables the last active admin', async () => {
    const users = await api.get<User[]>('/api/mcp/users');
    const admin = users.body.find((u) => u.role === 'admin') as User;

    const demote = await api.patch<ApiError>(`/api/mcp/users/${admin.id}`, { role: 'viewer' });
    const disable = await api.patch<ApiError>(`/api/mcp/users/${admin.id}`, { disabled: true });

    expect([demote.status, demote.body.code]).toEqual([409, 'LAST_ADMIN']);
    expect([disable.status, disable.body.code]).toEqual([409, 'LAST_ADMIN']);

    const second = await createUser('second-admin@example.com', 'admin');
    const demoteSecond = await api.patch<User>(`/api/mcp/users/${second.body.id}`, { role: 'operator' });
    expect(demoteSecond.status).toBe(200);
  });

  it('answers USER_NOT_FOUND and INVALID_ID', async () => {
    const missing = await api.patch<ApiError>('/api/mcp/users/00000000-0000-4000-8000-000000000000', { role: 'viewer' });
    const malformed = await api.patch<ApiError>('/api/mcp/users/x', { role: 'viewer' });

    expect([missing.status, missing.body.code]).toEqual([404, 'USER_NOT_FOUND']);
    expect([malformed.status, malformed.body.code]).toEqual([400, 'INVALID_ID']);
  });

  it('keeps server data out of reach of a user with no role rights', async () => {
    await createUser('nosy@example.com', 'viewer');
    const token = await api.login('nosy@example.com', 'user-password-123');

    const tokens = await api.as(token).get<ApiError>('/api/mcp/api-tokens');
    const list = await api.as(token).get<{ items: McpServer[] }>('/api/mcp/servers');

    expect(tokens.status).toBe(403);
    expect(list.status).toBe(200);
  });
});
