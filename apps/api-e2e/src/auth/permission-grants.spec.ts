import { ADMIN, type ApiClient, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, CreateApiTokenResponse, Permission, User } from '@mcp-fleet/shared/contracts';

const PASSWORD = 'grant-test-password-1';

describe('a principal can only grant the permissions it holds', () => {
  const api = useApi();
  let adminOnly: ApiClient;
  let admins: User;
  let viewer: User;

  const tokenFor = async (name: string, permissions: Permission[]) =>
    (
      await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
        name,
        permissions,
      })
    ).body.token;
  const createUser = async (email: string, role: string) =>
    (
      await api.post<User>('/api/mcp/users', {
        email,
        role,
        password: PASSWORD,
      })
    ).body;
  const refusal = (response: { status: number; body: ApiError }) => ({
    status: response.status,
    code: response.body.code,
    missing: (response.body.details as { missing?: string[] } | undefined)?.missing,
  });

  beforeAll(async () => {
    adminOnly = api.as(await tokenFor('admin-only', ['mcp:admin']));
    admins = await createUser('second-admin@example.com', 'admin');
    viewer = await createUser('viewer@example.com', 'viewer');
  });

  describe('a token holding only mcp:admin', () => {
    it('cannot create a token with a permission it lacks', async () => {
      const response = await adminOnly.post<ApiError>('/api/mcp/api-tokens', {
        name: 'wider',
        permissions: ['mcp:admin', 'mcp:configure_servers'],
      });
      const tokens = await api.get<{ name: string }[]>('/api/mcp/api-tokens');

      expect(refusal(response)).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        missing: ['mcp:configure_servers'],
      });
      expect(tokens.body.map((t) => t.name)).not.toContain('wider');
    });

    it('cannot create an admin user', async () => {
      const response = await adminOnly.post<ApiError>('/api/mcp/users', {
        email: 'rogue@example.com',
        role: 'admin',
        password: PASSWORD,
      });
      const signIn = await api.anonymous.post('/api/auth/login', {
        email: 'rogue@example.com',
        password: PASSWORD,
      });

      expect(refusal(response)).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        missing: [
          'mcp:view_servers',
          'mcp:manage_servers',
          'mcp:bulk_operations',
          'mcp:view_events',
          'mcp:configure_servers',
          'mcp:call_tools',
        ],
      });
      expect(signIn.status).toBe(401);
    });

    it("cannot reset an admin's password, so cannot take the account over", async () => {
      const response = await adminOnly.post<ApiError>(`/api/mcp/users/${admins.id}/reset-password`, { password: 'taken-over-password-1' });

      expect(refusal(response)).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(refusal(response).missing).toContain('mcp:configure_servers');
      expect(await api.login(admins.email, PASSWORD)).toEqual(expect.any(String));
    });

    it('cannot promote a user to admin, nor disable an admin', async () => {
      const promote = await adminOnly.patch<ApiError>(`/api/mcp/users/${viewer.id}`, { role: 'admin' });
      const disable = await adminOnly.patch<ApiError>(`/api/mcp/users/${admins.id}`, { disabled: true });
      const users = await api.get<User[]>('/api/mcp/users');

      expect(refusal(promote)).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(refusal(promote).missing).toContain('mcp:configure_servers');
      expect(refusal(disable)).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(users.body.find((u) => u.id === viewer.id)?.role).toBe('viewer');
      expect(users.body.find((u) => u.id === admins.id)?.disabled).toBe(false);
    });
  });

  it('lets an admin user do all of it', async () => {
    const token = await api.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
      name: 'deployer',
      permissions: ['mcp:configure_servers'],
    });
    const created = await api.post<User>('/api/mcp/users', {
      email: 'third-admin@example.com',
      role: 'admin',
      password: PASSWORD,
    });
    const reset = await api.post(`/api/mcp/users/${admins.id}/reset-password`, {
      password: 'new-admin-password-1',
    });
    const promoted = await api.patch<User>(`/api/mcp/users/${viewer.id}`, {
      role: 'admin',
    });

    expect(token.status).toBe(201);
    expect(created.status).toBe(201);
    expect(reset.status).toBe(204);
    expect([promoted.status, promoted.body.role]).toEqual([200, 'admin']);
    expect(await api.login(ADMIN.email, ADMIN.password)).toEqual(expect.any(String));
  });

  it('lets a token grant a subset of its own permissions, and no more', async () => {
    const userAdmin = api.as(await tokenFor('user-admin', ['mcp:admin', 'mcp:view_servers', 'mcp:view_events']));

    const narrower = await userAdmin.post<CreateApiTokenResponse>('/api/mcp/api-tokens', {
      name: 'reader',
      permissions: ['mcp:view_servers'],
    });
    const viewerUser = await userAdmin.post<User>('/api/mcp/users', {
      email: 'new-viewer@example.com',
      role: 'viewer',
      password: PASSWORD,
    });
    const operatorUser = await userAdmin.post<ApiError>('/api/mcp/users', {
      email: 'new-operator@example.com',
      role: 'operator',
      password: PASSWORD,
    });

    expect(narrower.status).toBe(201);
    expect(narrower.body.apiToken.permissions).toEqual(['mcp:view_servers']);
    expect(viewerUser.status).toBe(201);
    expect(refusal(operatorUser)).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      missing: ['mcp:manage_servers', 'mcp:bulk_operations', 'mcp:call_tools'],
    });
  });
});
