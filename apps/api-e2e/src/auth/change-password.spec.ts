import { ADMIN, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError, AuditPage, EventPage, LoginResponse } from '@mcp-fleet/shared/contracts';

import { refreshCookie } from '../support/jwt';

describe('changing one’s own password', () => {
  const api = useApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
  const login = (email: string, password: string) => api.anonymous.post<LoginResponse>('/api/auth/login', { email, password });
  const change = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    api.anonymous.post<LoginResponse & ApiError>('/api/auth/password', body, { authorization: `Bearer ${token}`, ...headers });

  it('sets the new password, ends the other sessions and keeps this one with a new token and cookie', async () => {
    await api.post('/api/mcp/users', { email: 'self@example.com', role: 'viewer', password: 'first-password-1' });
    const here = await login('self@example.com', 'first-password-1');
    const elsewhere = await login('self@example.com', 'first-password-1');

    const changed = await change(here.body.accessToken, { currentPassword: 'first-password-1', newPassword: 'second-password-2' });

    expect(changed.status).toBe(200);
    expect(changed.body.user.email).toBe('self@example.com');
    expect(changed.headers.get('cache-control')).toBe('no-store');
    // The old access tokens stop working (both devices); the new one works.
    expect((await api.as(here.body.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await api.as(elsewhere.body.accessToken).get('/api/auth/me')).status).toBe(401);
    expect((await api.as(changed.body.accessToken).get('/api/auth/me')).status).toBe(200);
    // The other device's refresh cookie is revoked; the new cookie refreshes.
    expect((await api.anonymous.post('/api/auth/refresh', undefined, { cookie: refreshCookie(elsewhere.headers) })).status).toBe(401);
    expect((await api.anonymous.post('/api/auth/refresh', undefined, { cookie: refreshCookie(changed.headers) })).status).toBe(200);
    expect((await login('self@example.com', 'first-password-1')).status).toBe(401);
    expect((await login('self@example.com', 'second-password-2')).status).toBe(200);

    const events = await api.get<EventPage>('/api/mcp/events?type=user.password_changed');
    expect(events.body.items.map((e) => e.data)).toEqual([{ userId: changed.body.user.id }]);
    expect(JSON.stringify(events.body)).not.toContain('second-password-2');
  });

  it('refuses a wrong current password with WRONG_PASSWORD, counted like a failed sign-in', async () => {
    await api.post('/api/mcp/users', { email: 'guess@example.com', role: 'viewer', password: 'first-password-1' });
    const token = (await login('guess@example.com', 'first-password-1')).body.accessToken;
    const statuses: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await change(token, { currentPassword: 'not-the-password', newPassword: 'second-password-2' });
      statuses.push([wrong.status, wrong.body.code]);
    }

    const held = await change(token, { currentPassword: 'first-password-1', newPassword: 'second-password-2' });

    expect(statuses).toEqual(Array(3).fill([400, 'WRONG_PASSWORD']));
    expect([held.status, held.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    // The session still works: a wrong password is not a signed-out session.
    expect((await api.as(token).get('/api/auth/me')).status).toBe(200);
  });

  it.each([
    ['a short new password', { currentPassword: 'first-password-1', newPassword: 'short' }],
    ['no current password', { newPassword: 'second-password-2' }],
    ['an unknown field', { currentPassword: 'first-password-1', newPassword: 'second-password-2', role: 'admin' }],
  ])('refuses %s with VALIDATION_FAILED', async (_, body) => {
    const token = await api.login(ADMIN.email, ADMIN.password);
    const response = await change(token, body);

    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses an API token (it has no password) and an anonymous caller', async () => {
    const created = await api.post<{ token: string }>('/api/mcp/api-tokens', { name: 'bot', permissions: ['mcp:view_servers'] });
    const asToken = await change(created.body.token, { currentPassword: 'whatever-password', newPassword: 'second-password-2' });
    const anonymous = await api.anonymous.post<ApiError>('/api/auth/password', { currentPassword: 'x', newPassword: 'second-password-2' });

    expect([asToken.status, asToken.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(anonymous.status).toBe(401);
  });

  it('audits the change without the passwords', async () => {
    await api.post('/api/mcp/users', { email: 'audited@example.com', role: 'viewer', password: 'first-password-1' });
    const token = (await login('audited@example.com', 'first-password-1')).body.accessToken;
    await change(token, { currentPassword: 'first-password-1', newPassword: 'second-password-2' });

    const audit = await api.get<AuditPage>('/api/mcp/audit?action=auth.change_password');

    expect(audit.body.items[0]).toMatchObject({ action: 'auth.change_password', target: { name: 'audited@example.com' } });
    expect(JSON.stringify(audit.body)).not.toMatch(/first-password-1|second-password-2/);
  });
});
