import { createIntegrationContext, type IntegrationContext, testCaller } from '@mcp-fleet/api/shared/testing';
import { PERMISSIONS, type Principal, ROLE_PERMISSIONS } from '@mcp-fleet/shared/contracts';

import { AuthFeatureModule } from '../auth-feature.module';
import { ApiTokensService } from './api-tokens.service';
import { SessionsService } from './sessions.service';
import { SocketAuthenticator } from './socket-authenticator.service';
import { UsersService } from './users.service';

describe('SocketAuthenticator (real PostgreSQL)', () => {
  let ctx: IntegrationContext;
  let sockets: SocketAuthenticator;
  let accessToken: string;
  let apiToken: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext([AuthFeatureModule]);
    sockets = ctx.module.get(SocketAuthenticator);
    const admin: Principal = {
      kind: 'user',
      id: testCaller.actor.id ?? '',
      name: testCaller.actor.name,
      role: 'admin',
      permissions: [...PERMISSIONS],
    };
    const user = await ctx.module
      .get(UsersService)
      .create({ email: 'ops@example.com', role: 'operator', password: 'operator-password-1' }, testCaller, admin);
    accessToken = (await ctx.module.get(SessionsService).login('ops@example.com', 'operator-password-1', testCaller)).accessToken;
    apiToken = (
      await ctx.module
        .get(ApiTokensService)
        .create(
          { name: 'dashboard', permissions: ['mcp:view_events'] },
          { kind: 'user', id: user.id, name: user.email, role: 'operator', permissions: [...ROLE_PERMISSIONS.operator] },
          testCaller,
        )
    ).token;
  });
  afterAll(() => ctx.close());

  it('accepts an access token in auth.token', async () => {
    const principal = await sockets.authenticate({ auth: { token: accessToken } });

    expect(principal).toMatchObject({ kind: 'user', name: 'ops@example.com', role: 'operator' });
    expect(principal.permissions).toContain('mcp:manage_servers');
  });

  it('accepts an API token, with only its permissions', async () => {
    const principal = await sockets.authenticate({ auth: { token: apiToken } });

    expect(principal).toMatchObject({ kind: 'token', name: 'dashboard', permissions: ['mcp:view_events'] });
  });

  it('falls back to an Authorization header', async () => {
    const principal = await sockets.authenticate({ headers: { authorization: `Bearer ${accessToken}` } });

    expect(principal.kind).toBe('user');
  });

  it.each([
    ['no credentials', {}],
    ['a garbage token', { auth: { token: 'garbage' } }],
    ['an unknown API token', { auth: { token: 'mcpf_unknownunknownunknownunknownunknownunkno' } }],
    ['a token that is not a string', { auth: { token: 42 } }],
  ])('refuses %s with UNAUTHENTICATED', async (_, handshake) => {
    await expect(sockets.authenticate(handshake)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
