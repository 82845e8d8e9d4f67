import { ADMIN, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, LoginResponse, Principal, User } from '@mcp-fleet/shared/contracts';

import { refreshCookie, signJwt } from '../support/jwt';

const JWT_SECRET = 'e2e-jwt-secret-that-is-long-enough-0123456789';

describe('sign-in, sessions and access tokens', () => {
  const api = useApi({ JWT_SECRET });
  const login = (email: string, password: string) => api.anonymous.post<LoginResponse>('/api/auth/login', { email, password });

  it('signs in: access token in the body, refresh token in an httpOnly SameSite=Strict cookie', async () => {
    const response = await login('ADMIN@example.com', ADMIN.password);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mcp_fleet_refresh=')) ?? '';

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expiresIn: 900, user: { email: ADMIN.email, role: 'admin', disabled: false } });
    expect(response.body.user.lastLoginAt).not.toBeNull();
    expect(response.body.user).not.toHaveProperty('passwordHash');
    expect(response.body.accessToken.split('.')).toHaveLength(3);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrongPassword = await login(ADMIN.email, 'not-the-password-1');
    const unknownEmail = await login('nobody@example.com', 'not-the-password-1');

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect((wrongPassword.body as unknown as ApiError).code).toBe('INVALID_CREDENTIALS');
    expect((unknownEmail.body as unknown as ApiError).message).toBe((wrongPassword.body as unknown as ApiError).message);
  });

  it('tells a principal who it is', async () => {
    const response = await api.get<Principal>('/api/auth/me');

    expect(response.body).toMatchObject({ kind: 'user', name: ADMIN.email, role: 'admin' });
    expect(response.body.permissions).toContain('mcp:admin');
  });

  it.each([
    ['no credentials', undefined],
    ['a malformed token', 'Bearer not.a.jwt'],
    [
      'a token signed with another key',
      `Bearer ${signJwt({ sub: '00000000-0000-4000-8000-000000000000', typ: 'access', iss: 'mcp-fleet', aud: 'mcp-fleet-api', exp: 9_999_999_999 }, 'some-other-secret-of-enough-length-000')}`,
    ],
    [
      'an expired token',
      `Bearer ${signJwt({ sub: '00000000-0000-4000-8000-000000000000', typ: 'access', iss: 'mcp-fleet', aud: 'mcp-fleet-api', exp: 1_000_000_000 }, JWT_SECRET)}`,
    ],
    [
      'an unsigned token',
      `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","typ":"access"}').toString('base64url')}.`,
    ],
  ])('refuses %s with 401 UNAUTHENTICATED and WWW-Authenticate', async (_, authorization) => {
    const response = await api.anonymous.get<ApiError>('/api/mcp/servers', authorization ? { authorization } : {});

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a well-signed token of a user that does not exist', async () => {
    const token = signJwt(
      { sub: '00000000-0000-4000-8000-000000000000', typ: 'access', iss: 'mcp-fleet', aud: 'mcp-fleet-api', exp: 9_999_999_999 },
      JWT_SECRET,
    );

    expect((await api.as(token).get('/api/mcp/servers')).status).toBe(401);
  });

  it('rotates the refresh token, and a reused one revokes the whole session', async () => {
    const first = refreshCookie((await login(ADMIN.email, ADMIN.password)).headers);

    const rotated = await api.anonymous.post<LoginResponse>('/api/auth/refresh', undefined, { cookie: first });
    const second = refreshCookie(rotated.headers);
    const reuse = await api.anonymous.post<ApiError>('/api/auth/refresh', undefined, { cookie: first });
    const afterReuse = await api.anonymous.post<ApiError>('/api/auth/refresh', undefined, { cookie: second });

    expect(rotated.status).toBe(200);
    expect((await api.as(rotated.body.accessToken).get('/api/auth/me')).status).toBe(200);
    expect(second).not.toBe(first);
    expect([reuse.status, reuse.body.code]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    expect(afterReuse.status).toBe(401);
  });

  it('refuses refresh without a cookie or with a forged one', async () => {
    const none = await api.anonymous.post<ApiError>('/api/auth/refresh');
    const forged = await api.anonymous.post<ApiError>('/api/auth/refresh', undefined, {
      cookie: 'mcp_fleet_refresh=00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });

    expect([none.status, none.body.code]).toEqual([401, 'REFRESH_TOKEN_INVALID']);
    expect([forged.status, forged.body.code]).toEqual([401, 'REFRESH_TOKEN_INVALID']);
  });

  it('signs out: the refresh cookie stops working', async () => {
    const signedIn = await login(ADMIN.email, ADMIN.password);
    const cookie = refreshCookie(signedIn.headers);

    const logout = await api.as(signedIn.body.accessToken).post('/api/auth/logout', undefined, { cookie });
    const refresh = await api.anonymous.post<ApiError>('/api/auth/refresh', undefined, { cookie });

    expect(logout.status).toBe(204);
    expect(refresh.status).toBe(401);
  });

  it('signs out everywhere on a password reset', async () => {
    const created = await api.post<User>('/api/mcp/users', { email: 'reset@example.com', role: 'viewer', password: 'first-password-1' });
    const cookie = refreshCookie((await login('reset@example.com', 'first-password-1')).headers);

    const reset = await api.post(`/api/mcp/users/${created.body.id}/reset-password`, { password: 'second-password-2' });

    expect(reset.status).toBe(204);
    expect((await login('reset@example.com', 'first-password-1')).status).toBe(401);
    expect((await login('reset@example.com', 'second-password-2')).status).toBe(200);
    expect((await api.anonymous.post('/api/auth/refresh', undefined, { cookie })).status).toBe(401);
  });

  it('lets exactly one of two concurrent refreshes with the same cookie win, and then revokes the winner too', async () => {
    const cookie = refreshCookie((await login(ADMIN.email, ADMIN.password)).headers);

    const results = await Promise.all([
      api.anonymous.post<ApiError>('/api/auth/refresh', undefined, { cookie }),
      api.anonymous.post<ApiError>('/api/auth/refresh', undefined, { cookie }),
    ]);
    const winner = results.find((r) => r.status === 200);
    const loser = results.find((r) => r.status !== 200);

    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(loser?.body.code).toBe('REFRESH_TOKEN_REUSED');
    const winnerCookie = refreshCookie((winner as NonNullable<typeof winner>).headers);
    expect((await api.anonymous.post('/api/auth/refresh', undefined, { cookie: winnerCookie })).status).toBe(401);
  });

  it('signs out with the cookie alone, even without an access token', async () => {
    const cookie = refreshCookie((await login(ADMIN.email, ADMIN.password)).headers);

    const logout = await api.anonymous.post('/api/auth/logout', undefined, { cookie });

    expect(logout.status).toBe(204);
    expect((await api.anonymous.post('/api/auth/refresh', undefined, { cookie })).status).toBe(401);
  });

  it('refuses access tokens issued before a password reset', async () => {
    const user = await api.post<User>('/api/mcp/users', { email: 'rotated@example.com', role: 'viewer', password: 'old-password-123' });
    const before = (await login('rotated@example.com', 'old-password-123')).body.accessToken;
    expect((await api.as(before).get('/api/auth/me')).status).toBe(200);

    await api.post(`/api/mcp/users/${user.body.id}/reset-password`, { password: 'new-password-456' });
    const after = (await login('rotated@example.com', 'new-password-456')).body.accessToken;

    expect((await api.as(before).get('/api/auth/me')).status).toBe(401);
    expect((await api.as(after).get('/api/auth/me')).status).toBe(200);
  });

  it.each([
    [
      'a refresh cookie of dashes',
      () => api.anonymous.post('/api/auth/refresh', undefined, { cookie: `mcp_fleet_refresh=${'-'.repeat(36)}.${'A'.repeat(30)}` }),
      401,
    ],
    ['a NUL character in the email', () => api.anonymous.post('/api/auth/login', '{"email":"a\\u0000@example.com","password":"x"}'), 400],
    ['a NUL character in a search', () => api.get('/api/mcp/servers?search=a%00b'), 400],
  ])('answers %s with a 4xx, not a 500', async (_, send, status) => {
    const response = await send();

    expect(response.status).toBe(status);
  });
});
