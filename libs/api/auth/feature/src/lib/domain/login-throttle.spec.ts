import { type LoginLimits, loginWaitMs, pairDelayMs, retryAfterSeconds } from './login-throttle';

const LIMITS: LoginLimits = { maxFailuresPerPair: 5, maxFailuresPerAddress: 100, windowMs: 900_000 };
const NOW = new Date('2026-01-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const none = { count: 0, latest: null };

describe('pairDelayMs', () => {
  it('owes nothing up to the limit, then 1 s doubling with each further failure', () => {
    const delays = Array.from({ length: 9 }, (_, failures) => pairDelayMs(failures, LIMITS));

    expect(delays).toEqual([0, 0, 0, 0, 0, 1000, 2000, 4000, 8000]);
  });

  it('is capped at the window, however many failures', () => {
    expect(pairDelayMs(14, LIMITS)).toBe(512_000);
    expect(pairDelayMs(15, LIMITS)).toBe(900_000);
    expect(pairDelayMs(10_000, LIMITS)).toBe(900_000);
  });
});

describe('loginWaitMs', () => {
  it('lets an attempt through below both limits', () => {
    expect(loginWaitMs({ pair: { count: 4, latest: ago(10) }, address: { count: 99, oldest: ago(800_000) } }, NOW, LIMITS)).toBe(0);
  });

  it('makes the pair wait out the delay since its latest failure', () => {
    expect(loginWaitMs({ pair: { count: 5, latest: ago(300) }, address: { count: 5, oldest: ago(2000) } }, NOW, LIMITS)).toBe(700);
    expect(loginWaitMs({ pair: { count: 7, latest: ago(1000) }, address: { count: 7, oldest: ago(9000) } }, NOW, LIMITS)).toBe(3000);
  });

  it('lets the pair try again once the delay has passed', () => {
    expect(loginWaitMs({ pair: { count: 5, latest: ago(1000) }, address: { count: 5, oldest: ago(5000) } }, NOW, LIMITS)).toBe(0);
    expect(loginWaitMs({ pair: { count: 6, latest: ago(2500) }, address: { count: 6, oldest: ago(9000) } }, NOW, LIMITS)).toBe(0);
  });

  it('lets a pair with no failures of its own through: failures at the account from other addresses are no input', () => {
    expect(loginWaitMs({ pair: none, address: { count: 0, oldest: null } }, NOW, LIMITS)).toBe(0);
  });

  it('stops an address at its limit until its oldest failure leaves the window', () => {
    expect(loginWaitMs({ pair: none, address: { count: 100, oldest: ago(60_000) } }, NOW, LIMITS)).toBe(840_000);
  });

  it('answers the longer wait when both apply', () => {
    expect(loginWaitMs({ pair: { count: 9, latest: ago(0) }, address: { count: 100, oldest: ago(899_000) } }, NOW, LIMITS)).toBe(16_000);
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds, at least 1', () => {
    expect([1, 999, 1000, 1001, 3999].map(retryAfterSeconds)).toEqual([1, 1, 1, 2, 4]);
  });
});
