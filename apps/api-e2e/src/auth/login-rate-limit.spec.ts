import type { ApiError } from '@mcp-fleet/shared/contracts';

import { ADMIN, useApi } from '../support/api-under-test';

describe('failed sign-ins are rate limited per account and per address', () => {
  const api = useApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8' });
  const login = (email: string, password: string) => api.anonymous.post<ApiError>('/api/auth/login', { email, password });

  it('locks an account after 3 failures, even for the right password, with Retry-After', async () => {
    await api.post('/api/mcp/users', { email: 'victim@example.com', role: 'viewer', password: 'victim-password-1' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      statuses.push((await login('victim@example.com', 'guess-guess-guess')).status);
    }

    const locked = await login('victim@example.com', 'victim-password-1');
    const otherAccount = await login(ADMIN.email, ADMIN.password);

    expect(statuses).toEqual([401, 401, 401]);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(otherAccount.status).toBe(200);
  });

  it('blocks an address that sprays many accounts', async () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      await login(`spray-${attempt}@example.com`, 'guess-guess-guess');
    }

    const blocked = await login('fresh-account@example.com', 'guess-guess-guess');

    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
  });
});
