import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';

const noJitter = () => 0.5;

describe('RestartPolicy', () => {
  it('doubles the delay from 1 s and caps it at 60 s', () => {
    const policy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxRestarts: 100, windowMs: 1 }, noJitter);
    const delays = Array.from({ length: 8 }, (_, i) => policy.onUnexpectedExit(i * 10, 50));
    expect(delays.map((d) => (d.action === 'restart' ? d.delayMs : -1))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('spreads delays by ±20 % jitter', () => {
    const low = new RestartPolicy(DEFAULT_RESTART_POLICY, () => 0).onUnexpectedExit(0, 0);
    const high = new RestartPolicy(DEFAULT_RESTART_POLICY, () => 0.999999).onUnexpectedExit(0, 0);
    expect(low).toMatchObject({ action: 'restart', delayMs: 800 });
    expect(high).toMatchObject({ action: 'restart', delayMs: 1200 });
  });

  it('starts over after a run that lasted the stable period', () => {
    const policy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxRestarts: 100 }, noJitter);
    policy.onUnexpectedExit(0, 10);
    policy.onUnexpectedExit(1, 10);
    expect(policy.onUnexpectedExit(2, 600_000)).toMatchObject({ delayMs: 1000, attempt: 1 });
  });

  it('gives up after more than maxRestarts exits within the window, not when they are spread out', () => {
    const looping = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxRestarts: 3 }, noJitter);
    const decisions = [0, 1000, 2000, 3000].map((t) => looping.onUnexpectedExit(t, 10).action);
    expect(decisions).toEqual(['restart', 'restart', 'restart', 'give_up']);

    const spread = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxRestarts: 3 }, noJitter);
    const spaced = [0, 700_000, 1_400_000, 2_100_000].map((t) => spread.onUnexpectedExit(t, 10).action);
    expect(spaced).toEqual(['restart', 'restart', 'restart', 'restart']);
  });

  it('forgets past crashes when an operator acts', () => {
    const policy = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxRestarts: 1 }, noJitter);
    policy.onUnexpectedExit(0, 10);
    policy.reset();
    expect(policy.onUnexpectedExit(1, 10)).toMatchObject({ action: 'restart', delayMs: 1000 });
  });

  describe('for a remote server', () => {
    const remote = (random = noJitter) => new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxRestarts: 3 }, random, 'remote');

    it('never gives up, however many failures come within the window', () => {
      const policy = remote();
      const decisions = Array.from({ length: 1000 }, (_, i) => policy.onUnexpectedExit(i * 100, 0));
      expect(decisions.every((d) => d.action === 'restart')).toBe(true);
      expect(decisions[999]).toMatchObject({ attempt: 1000 });
    });

    it('doubles the delay from 1 s and caps it at 20 s, so a remote back from an outage runs again within seconds', () => {
      const policy = remote();
      const delays = Array.from({ length: 8 }, (_, i) => policy.onUnexpectedExit(i, 0));
      expect(delays.map((d) => (d.action === 'restart' ? d.delayMs : -1))).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000]);
    });

    it('keeps the ±20 % jitter below the cap and never exceeds the cap', () => {
      const low = remote(() => 0);
      const high = remote(() => 0.999999);
      for (let i = 0; i < 40; i++) {
        const a = low.onUnexpectedExit(i, 0);
        const b = high.onUnexpectedExit(i, 0);
        expect(a.action === 'restart' && a.delayMs).toBeLessThanOrEqual(20_000);
        expect(b.action === 'restart' && b.delayMs).toBeLessThanOrEqual(20_000);
        if (i === 39) {
          expect(a).toMatchObject({ delayMs: 16_000 });
          expect(b).toMatchObject({ delayMs: 20_000 });
        }
      }
    });

    it('starts over after a stable run, and when an operator acts', () => {
      const policy = remote();
      [0, 1, 2, 3].forEach((t) => policy.onUnexpectedExit(t, 0));
      expect(policy.onUnexpectedExit(4, 600_000)).toMatchObject({ delayMs: 1000, attempt: 1 });
      policy.onUnexpectedExit(5, 0);
      policy.reset();
      expect(policy.onUnexpectedExit(6, 0)).toMatchObject({ delayMs: 1000, attempt: 1 });
    });
  });
});
