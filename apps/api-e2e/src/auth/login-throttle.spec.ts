import { setTimeout as sleep } from 'node:timers/promises';

import { useApi } from '@mcp-fleet/api/shared/testing';
import type { ApiError } from '@mcp-fleet/shared/contracts';

const PASSWORD = 'owner-password-123';
const WRONG = 'guess-guess-guess';

/**
 * Throttling keyed by (account, address) with growing delays, and a per-address limit high
 * enough for a NAT. The API trusts one proxy hop (the test), so X-Forwarded-For sets the
 * client address. Default limits: 5 failures per pair, 100 per address, 15 minutes.
 */
describe('failed sign-ins are throttled per account and address, never locking an owner out', () => {
  const api = useApi({ TRUST_PROXY: '1' });
  const loginFrom = (address: string, email: string, password: string) =>
    api.anonymous.post<ApiError>('/api/auth/login', { email, password }, { 'x-forwarded-for': address });
  const failFrom = async (address: string, email: string, times: number) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < times; attempt++) {
      statuses.push((await loginFrom(address, email, WRONG)).status);
    }
    return statuses;
  };
  const createUser = (email: string) => api.post('/api/mcp/users', { email, role: 'viewer', password: PASSWORD });

  it("does not stop the owner signing in from another address, whatever someone else's failures", async () => {
    await createUser('owner@example.com');
    const attacker = await failFrom('198.51.100.1', 'owner@example.com', 8);

    const ownersTypo = await loginFrom('198.51.100.2', 'owner@example.com', WRONG);
    const owner = await loginFrom('198.51.100.2', 'owner@example.com', PASSWORD);
    // The owner's sign-in does not reset the attacker's pair: its next failure doubles the delay.
    await sleep(1000);
    const attackersSixth = await loginFrom('198.51.100.1', 'owner@example.com', WRONG);
    const attackerAfterwards = await loginFrom('198.51.100.1', 'owner@example.com', PASSWORD);

    expect(attacker).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(ownersTypo.status).toBe(401);
    expect(owner.status).toBe(200);
    expect(attackersSixth.status).toBe(401);
    expect([attackerAfterwards.status, attackerAfterwards.body.code, attackerAfterwards.headers.get('retry-after')]).toEqual([
      429,
      'TOO_MANY_ATTEMPTS',
      '2',
    ]);
  });

  it('makes the pair wait a delay that doubles after each further failure', async () => {
    await createUser('patient@example.com');
    const address = '198.51.100.3';
    const firstFive = await failFrom(address, 'patient@example.com', 5);
    const retryAfters: string[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await loginFrom(address, 'patient@example.com', WRONG);
      expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      const retryAfter = refused.headers.get('retry-after') ?? '';
      retryAfters.push(retryAfter);
      expect(Number(retryAfter)).toBeLessThanOrEqual(4);
      await sleep(Number(retryAfter) * 1000);
      expect((await loginFrom(address, 'patient@example.com', WRONG)).status).toBe(401);
    }
    const rightPasswordTooSoon = await loginFrom(address, 'patient@example.com', PASSWORD);

    expect(firstFive).toEqual([401, 401, 401, 401, 401]);
    expect(retryAfters).toEqual(['1', '2', '4']);
    expect([rightPasswordTooSoon.status, rightPasswordTooSoon.headers.get('retry-after')]).toEqual([429, '8']);
  });

  it('lets one address fail against 25 accounts, and stops it at the per-address limit of 100', async () => {
    const address = '198.51.100.4';
    const statuses: number[] = [];
    for (let account = 0; account < 100; account++) {
      statuses.push((await loginFrom(address, `spray-${account}@example.com`, WRONG)).status);
    }

    const beyond = await loginFrom(address, 'yet-another@example.com', WRONG);
    const elsewhere = await loginFrom('198.51.100.5', 'yet-another@example.com', WRONG);

    // The old per-address limit (20) locked everyone behind this address out from the 21st.
    expect(statuses.slice(0, 25)).toEqual(Array.from({ length: 25 }, () => 401));
    expect(statuses.every((status) => status === 401)).toBe(true);
    expect([beyond.status, beyond.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(Number(beyond.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(elsewhere.status).toBe(401);
  });

  it('answers an unknown email exactly like a known one', async () => {
    await createUser('known@example.com');
    const withoutCorrelationId = (body: ApiError) => ({ ...body, correlationId: undefined });
    const answers = async (address: string, email: string) => {
      const failures: { status: number; body: unknown }[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        const failure = await loginFrom(address, email, WRONG);
        failures.push({ status: failure.status, body: withoutCorrelationId(failure.body) });
      }
      const throttled = await loginFrom(address, email, WRONG);
      return {
        failures,
        status: throttled.status,
        retryAfter: throttled.headers.get('retry-after'),
        body: withoutCorrelationId(throttled.body),
      };
    };

    const known = await answers('198.51.100.6', 'known@example.com');
    const unknown = await answers('198.51.100.7', 'unknown@example.com');

    expect(known.failures.map((f) => f.status)).toEqual([401, 401, 401, 401, 401]);
    expect(known.status).toBe(429);
    expect(unknown).toEqual(known);
  });
});
