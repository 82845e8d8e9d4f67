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
});
