import { setTimeout as sleep } from 'node:timers/promises';

import { ADMIN, useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError } from '@mcp-fleet/shared/contracts';

describe('failed sign-ins are throttled per account and address, and limited per address', () => {
  const api = useApi({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8' });
  const login = (email: string, password: string) => api.anonymous.post<ApiError>('/api/auth/login', { email, password });

  it('holds an account back from an address after 3 failures, even for the right password, for the delay Retry-After names', async () => {
    await api.post('/api/mcp/users', { email: 'victim@example.com', role: 'viewer', password: 'victim-password-1' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      statuses.push((await login('victim@example.com', 'guess-guess-guess')).status);
    }

    const held = await login('victim@example.com', 'victim-password-1');
    const otherAccount = await login(ADMIN.email, ADMIN.password);

    expect(statuses).toEqual([401, 401, 401]);
    expect(held.status).toBe(429);
    expect(held.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(held.headers.get('retry-after')).toBe('1');
    expect(otherAccount.status).toBe(200);
    // A delay, not a lock: once it has passed, the right password signs in.
    await sleep(1000);
    expect((await login('victim@example.com', 'victim-password-1')).status).toBe(200);
  });

  it('cannot be raced: concurrent wrong guesses beyond the limit are refused', async () => {
    await api.post('/api/mcp/users', { email: 'raced@example.com', role: 'viewer', password: 'raced-password-1' });

    const statuses = (await Promise.all(Array.from({ length: 6 }, () => login('raced@example.com', 'guess-guess-guess')))).map(
      (r) => r.status,
    );

    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
  });

  it('blocks an address that sprays many accounts, whatever X-Forwarded-For claims', async () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      await api.anonymous.post(
        '/api/auth/login',
        { email: `spray-${attempt}@example.com`, password: 'guess-guess-guess' },
        { 'x-forwarded-for': `203.0.113.${attempt}` },
      );
    }

    const blocked = await login('fresh-account@example.com', 'guess-guess-guess');

    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
  });
});
